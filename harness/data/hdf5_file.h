// Thin RAII over the HDF5 C API, shared by the D4RL reader and writer.
// HDF5 reports errors by printing a stack to stderr; here they become one exception message instead.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <hdf5.h>

#include "autodiff/tensor.h"

namespace harness {

/// Owns one HDF5 identifier (file, dataset, dataspace, type, property list) and closes it.
class H5Id {
 public:
  using Closer = herr_t (*)(hid_t);

  H5Id() = default;
  H5Id(hid_t id, Closer close) : id_(id), close_(close) {}
  H5Id(H5Id&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = H5I_INVALID_HID; }
  H5Id& operator=(H5Id&& other) noexcept;
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  ~H5Id() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void reset();

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

/// While alive, HDF5 prints nothing: failures are reported by the caller's exception instead.
class QuietHdf5 {
 public:
  QuietHdf5();
  ~QuietHdf5();
  QuietHdf5(const QuietHdf5&) = delete;
  QuietHdf5& operator=(const QuietHdf5&) = delete;

 private:
  H5E_auto2_t saved_func_ = nullptr;
  void* saved_data_ = nullptr;
};

/// The innermost (most specific) message of HDF5's current error stack, or "" when it is empty.
std::string hdf5_error_detail();

/// True when the path `key` ("observations", "infos/qpos") names a dataset in `file`.
bool has_dataset(hid_t file, const std::string& key);

/// True when the file's root has the attribute `name`.
bool has_attribute(hid_t file, const std::string& name);

// ---- attributes on a file's root, and whole float tensors (checkpoints, parity files) ----
// Each throws autodiff::Error naming `path` (the file, for messages) and the key.

void write_text_attribute(hid_t file, const std::string& name, const std::string& text);  // UTF-8, h5py str
void write_u64_attribute(hid_t file, const std::string& name, const std::vector<uint64_t>& values);
void write_double_attribute(hid_t file, const std::string& name, double value);
void write_double_attributes(hid_t file, const std::string& name, const std::vector<double>& values);
std::string read_text_attribute(hid_t file, const std::string& path, const std::string& name);
std::vector<uint64_t> read_u64_attribute(hid_t file, const std::string& path, const std::string& name, size_t count);
double read_double_attribute(hid_t file, const std::string& path, const std::string& name);
std::vector<double> read_double_attributes(hid_t file, const std::string& path, const std::string& name);

/// A 2-D dataset as T (float or double), whatever its stored float type; a 1-D one as one row.
template <class T>
autodiff::Matrix<T> read_matrix(hid_t file, const std::string& path, const std::string& key);
/// A 2-D dataset as float32.
inline autodiff::Tensor read_tensor(hid_t file, const std::string& path, const std::string& key) {
  return read_matrix<float>(file, path, key);
}

/// Opens an existing HDF5 file read-only; throws naming it when missing or not HDF5.
H5Id open_hdf5(const std::string& path);

}  // namespace harness
