// The D4RL ant (spec/environments.md 3.4), which differs from gym's: timestep 0.02, motors with
// gear 1 and ctrlrange +-30, softer contacts. Each leg is three capsules: a fixed aux segment, the
// hip segment and the ankle segment. The maze builder fills kMazeWallsMarker with wall boxes.
#include "harness/envs/mjcf.h"

namespace harness {

std::string_view ant_mjcf() {
  return R"xml(<mujoco model="ant">
  <compiler angle="degree" coordinate="local" inertiafromgeom="true"/>
  <option integrator="RK4" timestep="0.02"/>
  <default>
    <joint armature="1" damping="1" limited="true"/>
    <geom condim="3" conaffinity="0" margin="0.01" friction="1 0.5 0.5" solref="0.02 1" solimp="0.8 0.8 0.01" density="5.0"/>
  </default>
  <worldbody>
    <geom name="floor" type="plane" pos="0 0 0" size="40 40 40" conaffinity="1" condim="3"/>
    <body name="torso" pos="0 0 0.75">
      <geom name="torso_geom" type="sphere" pos="0 0 0" size="0.25"/>
      <joint name="root" type="free" pos="0 0 0" limited="false" armature="0" damping="0" margin="0.01"/>
      <body name="front_left_leg" pos="0 0 0">
        <geom name="aux_1_geom" type="capsule" fromto="0 0 0 0.2 0.2 0" size="0.08"/>
        <body name="aux_1" pos="0.2 0.2 0">
          <joint name="hip_1" type="hinge" axis="0 0 1" pos="0 0 0" range="-30 30"/>
          <geom name="left_leg_geom" type="capsule" fromto="0 0 0 0.2 0.2 0" size="0.08"/>
          <body pos="0.2 0.2 0">
            <joint name="ankle_1" type="hinge" axis="-1 1 0" pos="0 0 0" range="30 70"/>
            <geom name="left_ankle_geom" type="capsule" fromto="0 0 0 0.4 0.4 0" size="0.08"/>
          </body>
        </body>
      </body>
      <body name="front_right_leg" pos="0 0 0">
        <geom name="aux_2_geom" type="capsule" fromto="0 0 0 -0.2 0.2 0" size="0.08"/>
        <body name="aux_2" pos="-0.2 0.2 0">
          <joint name="hip_2" type="hinge" axis="0 0 1" pos="0 0 0" range="-30 30"/>
          <geom name="right_leg_geom" type="capsule" fromto="0 0 0 -0.2 0.2 0" size="0.08"/>
          <body pos="-0.2 0.2 0">
            <joint name="ankle_2" type="hinge" axis="1 1 0" pos="0 0 0" range="-70 -30"/>
            <geom name="right_ankle_geom" type="capsule" fromto="0 0 0 -0.4 0.4 0" size="0.08"/>
          </body>
        </body>
      </body>
      <body name="back_leg" pos="0 0 0">
        <geom name="aux_3_geom" type="capsule" fromto="0 0 0 -0.2 -0.2 0" size="0.08"/>
        <body name="aux_3" pos="-0.2 -0.2 0">
          <joint name="hip_3" type="hinge" axis="0 0 1" pos="0 0 0" range="-30 30"/>
          <geom name="back_leg_geom" type="capsule" fromto="0 0 0 -0.2 -0.2 0" size="0.08"/>
          <body pos="-0.2 -0.2 0">
            <joint name="ankle_3" type="hinge" axis="-1 1 0" pos="0 0 0" range="-70 -30"/>
            <geom name="third_ankle_geom" type="capsule" fromto="0 0 0 -0.4 -0.4 0" size="0.08"/>
          </body>
        </body>
      </body>
      <body name="right_back_leg" pos="0 0 0">
        <geom name="aux_4_geom" type="capsule" fromto="0 0 0 0.2 -0.2 0" size="0.08"/>
        <body name="aux_4" pos="0.2 -0.2 0">
          <joint name="hip_4" type="hinge" axis="0 0 1" pos="0 0 0" range="-30 30"/>
          <geom name="rightback_leg_geom" type="capsule" fromto="0 0 0 0.2 -0.2 0" size="0.08"/>
          <body pos="0.2 -0.2 0">
            <joint name="ankle_4" type="hinge" axis="1 1 0" pos="0 0 0" range="30 70"/>
            <geom name="fourth_ankle_geom" type="capsule" fromto="0 0 0 0.4 -0.4 0" size="0.08"/>
          </body>
        </body>
      </body>
    </body>
    <!-- maze walls -->
  </worldbody>
  <actuator>
    <motor name="hip_4" joint="hip_4" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="ankle_4" joint="ankle_4" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="hip_1" joint="hip_1" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="ankle_1" joint="ankle_1" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="hip_2" joint="hip_2" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="ankle_2" joint="ankle_2" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="hip_3" joint="hip_3" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
    <motor name="ankle_3" joint="ankle_3" gear="1" ctrllimited="true" ctrlrange="-30 30"/>
  </actuator>
</mujoco>
)xml";
}

}  // namespace harness
