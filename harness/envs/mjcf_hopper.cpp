// Hopper MJCF (spec/environments.md 3.1). Coordinates are global: every pos/fromto is in the world
// frame at the reference pose, and rootz's ref=1.25 makes qpos[1] the torso's world height.
#include "harness/envs/mjcf.h"

namespace harness {

std::string_view hopper_mjcf() {
  return R"xml(<mujoco model="hopper">
  <compiler angle="degree" coordinate="global" inertiafromgeom="true"/>
  <option integrator="RK4" timestep="0.002"/>
  <default>
    <joint armature="1" damping="1" limited="true"/>
    <geom contype="1" conaffinity="1" condim="1" margin="0.001" solref="0.02 1" solimp="0.8 0.8 0.01"/>
    <motor ctrllimited="true" ctrlrange="-0.4 0.4"/>
  </default>
  <worldbody>
    <geom name="floor" type="plane" pos="0 0 0" size="20 20 0.125" conaffinity="1" condim="3"/>
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
          <body name="foot" pos="0.13 0 0">
            <joint name="foot_joint" type="hinge" axis="0 -1 0" pos="0 0 0.1" range="-45 45"/>
            <geom name="foot_geom" type="capsule" fromto="-0.13 0 0.1 0.26 0 0.1" size="0.06" friction="2.0"/>
          </body>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor name="thigh_joint" joint="thigh_joint" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="leg_joint" joint="leg_joint" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
    <motor name="foot_joint" joint="foot_joint" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
  </actuator>
</mujoco>
)xml";
}

}  // namespace harness
