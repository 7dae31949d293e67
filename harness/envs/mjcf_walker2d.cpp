// Walker2d MJCF (spec/environments.md 3.2): the hopper's torso with two identical legs. Global
// coordinates; the left foot's friction (1.9) is the only difference between the legs.
#include "harness/envs/mjcf.h"

namespace harness {

std::string_view walker2d_mjcf() {
  return R"xml(<mujoco model="walker2d">
  <compiler angle="degree" coordinate="global" inertiafromgeom="true"/>
  <option integrator="RK4" timestep="0.002"/>
  <default>
    <joint armature="0.01" damping="0.1" limited="true"/>
    <geom contype="1" conaffinity="0" condim="3" density="1000" friction="0.7 0.1 0.1"/>
  </default>
  <worldbody>
    <geom name="floor" type="plane" pos="0 0 0" size="40 40 40" conaffinity="1" condim="3"/>
    <body name="torso" pos="0 0 1.25">
      <joint name="rootx" type="slide" axis="1 0 0" pos="0 0 0" limited="false" armature="0" damping="0" stiffness="0"/>
      <joint name="rootz" type="slide" axis="0 0 1" pos="0 0 0" ref="1.25" limited="false" armature="0" damping="0" stiffness="0"/>
      <joint name="rooty" type="hinge" axis="0 1 0" pos="0 0 1.25" limited="false" armature="0" damping="0" stiffness="0"/>
      <geom name="torso_geom" type="capsule" fromto="0 0 1.45 0 0 1.05" size="0.05" friction="0.9"/>
      <body name="thigh" pos="0 0 1.05">
        <joint name="thigh_joint" type="hinge" axis="0 -1 0" pos="0 0 1.05" range="-150 0"/>
        <geom name="thigh_geom" type="capsule" fromto="0 0 1.05 0 0 0.6" size="0.05" friction="0.9"/>
        <body name="leg" pos="0 0 0.35">
          <joint name="leg_joint" type="hinge" axis="0 -1 0" pos="0 0 0.6" range="-150 0"/>
          <geom name="leg_geom" type="capsule" fromto="0 0 0.6 0 0 0.1" size="0.04" friction="0.9"/>
          <body name="foot" pos="0.2 0 0">
            <joint name="foot_joint" type="hinge" axis="0 -1 0" pos="0 0 0.1" range="-45 45"/>
            <geom name="foot_geom" type="capsule" fromto="0 0 0.1 0.2 0 0.1" size="0.06" friction="0.9"/>
          </body>
        </body>
      </body>
      <body name="thigh_left" pos="0 0 1.05">
        <joint name="thigh_left_joint" type="hinge" axis="0 -1 0" pos="0 0 1.05" range="-150 0"/>
        <geom name="thigh_left_geom" type="capsule" fromto="0 0 1.05 0 0 0.6" size="0.05" friction="0.9"/>
        <body name="leg_left" pos="0 0 0.35">
          <joint name="leg_left_joint" type="hinge" axis="0 -1 0" pos="0 0 0.6" range="-150 0"/>
          <geom name="leg_left_geom" type="capsule" fromto="0 0 0.6 0 0 0.1" size="0.04" friction="0.9"/>
          <body name="foot_left" pos="0.2 0 0">
            <joint name="foot_left_joint" type="hinge" axis="0 -1 0" pos="0 0 0.1" range="-45 45"/>
            <geom name="foot_left_geom" type="capsule" fromto="0 0 0.1 0.2 0 0.1" size="0.06" friction="1.9"/>
          </body>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor name="thigh_joint" joint="thigh_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="leg_joint" joint="leg_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="foot_joint" joint="foot_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="thigh_left_joint" joint="thigh_left_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="leg_left_joint" joint="leg_left_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="foot_left_joint" joint="foot_left_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>
  </actuator>
</mujoco>
)xml";
}

}  // namespace harness
