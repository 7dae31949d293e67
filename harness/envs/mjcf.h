// Our MJCF models, written from the numbers in spec/environments.md section 3 and embedded in the
// binary so `iql` runs from any directory. Visual-only attributes (materials, textures, colours) are
// left out: they do not change the dynamics.
#pragma once
#include <string_view>

namespace harness {

/// Hopper: gym hopper.xml semantics (global coordinates, degrees), foot body at (0.13, 0, 0).
std::string_view hopper_mjcf();

/// Walker2d: gym walker2d.xml semantics, both feet at (0.2, 0, 0).
std::string_view walker2d_mjcf();

/// HalfCheetah: gym half_cheetah.xml semantics (local coordinates, radians, total mass 14).
std::string_view half_cheetah_mjcf();

/// The D4RL ant (timestep 0.02, motors gear 1, ctrlrange +-30) with the marker kMazeWallsMarker
/// at the end of worldbody, where the maze's wall boxes go.
std::string_view ant_mjcf();

/// Placeholder inside ant_mjcf() that the maze builder replaces with the wall geoms.
inline constexpr std::string_view kMazeWallsMarker = "<!-- maze walls -->";

}  // namespace harness
