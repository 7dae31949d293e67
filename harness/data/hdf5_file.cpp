#include "harness/data/hdf5_file.h"

#include <filesystem>
#include <type_traits>

#include "autodiff/error.h"

namespace harness {
namespace {

// HDF5 closes at exit what is still open. A file whose close failed (a full disk) stays open inside the
// library, and HDF5 1.10 crashes (SIGSEGV in H5F__close_cb) closing it again then; every file here is
// closed by its owner, so the exit handler has nothing else to do. Called before any other HDF5 call.
[[maybe_unused]] const herr_t kNoCloseAtExit = H5dont_atexit();

}  // namespace

H5Id& H5Id::operator=(H5Id&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    close_ = other.close_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void H5Id::reset() {
  if (valid() && close_) close_(id_);
  id_ = H5I_INVALID_HID;
}

QuietHdf5::QuietHdf5() {
  H5Eget_auto2(H5E_DEFAULT, &saved_func_, &saved_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietHdf5::~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, saved_func_, saved_data_); }

std::string hdf5_error_detail() {
  std::string innermost;
  auto keep_last = [](unsigned, const H5E_error2_t* error, void* out) -> herr_t {
    if (error->desc) *static_cast<std::string*>(out) = error->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_last, &innermost);
  // the POSIX driver's write failure lists its file descriptor, buffer and offsets, then the reason as
  // "error message = 'No space left on device'": the reason is what a reader needs
  const std::string reason = "error message = '";
  const size_t start = innermost.find(reason);
  if (start == std::string::npos) return innermost;
  const size_t end = innermost.find('\'', start + reason.size());
  return innermost.substr(start + reason.size(), end == std::string::npos ? std::string::npos : end - start - reason.size());
}

bool has_attribute(hid_t file, const std::string& name) { return H5Aexists(file, name.c_str()) > 0; }

bool has_dataset(hid_t file, const std::string& key) {
  // H5Lexists fails rather than answering false when a parent group is missing: check each level
  for (size_t slash = key.find('/'); ; slash = key.find('/', slash + 1)) {
    std::string prefix = key.substr(0, slash);
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) break;
  }
  H5Id object(H5Oopen(file, key.c_str(), H5P_DEFAULT), H5Oclose);
  return object.valid() && H5Iget_type(object.get()) == H5I_DATASET;
}

namespace {

void write_attribute(hid_t file, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                     const void* data) {
  QuietHdf5 quiet;
  const bool empty = !dims.empty() && dims[0] == 0;  // an empty list: a null dataspace, nothing to write
  H5Id space(dims.empty() ? H5Screate(H5S_SCALAR)
             : empty      ? H5Screate(H5S_NULL)
                          : H5Screate_simple(1, dims.data(), nullptr),
             H5Sclose);
  H5Id attr(H5Acreate2(file, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!attr.valid() || (!empty && H5Awrite(attr.get(), type, data) < 0)) {
    throw autodiff::Error("cannot write attribute '" + name + "' (" + hdf5_error_detail() + ")");
  }
}

H5Id utf8_string_type() {
  H5Id type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);  // variable length: h5py reads it as str
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  return type;
}

H5Id open_attribute(hid_t file, const std::string& path, const std::string& name) {
  QuietHdf5 quiet;
  H5Id attr(H5Aopen(file, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) throw autodiff::Error(path + ": attribute '" + name + "' is missing");
  return attr;
}

void read_numbers(hid_t file, const std::string& path, const std::string& name, hid_t type, void* out, size_t n) {
  H5Id attr = open_attribute(file, path, name);
  H5Id space(H5Aget_space(attr.get()), H5Sclose);
  if (static_cast<size_t>(H5Sget_simple_extent_npoints(space.get())) != n || H5Aread(attr.get(), type, out) < 0) {
    throw autodiff::Error(path + ": attribute '" + name + "' does not hold " + std::to_string(n) + " number(s)");
  }
}

}  // namespace

void write_text_attribute(hid_t file, const std::string& name, const std::string& text) {
  H5Id type = utf8_string_type();
  const char* data = text.c_str();
  write_attribute(file, name, type.get(), {}, &data);
}

void write_u64_attribute(hid_t file, const std::string& name, const std::vector<uint64_t>& values) {
  write_attribute(file, name, H5T_NATIVE_UINT64, {values.size()}, values.data());
}

void write_double_attribute(hid_t file, const std::string& name, double value) {
  write_attribute(file, name, H5T_NATIVE_DOUBLE, {}, &value);
}

void write_double_attributes(hid_t file, const std::string& name, const std::vector<double>& values) {
  write_attribute(file, name, H5T_NATIVE_DOUBLE, {values.size()}, values.data());
}

std::string read_text_attribute(hid_t file, const std::string& path, const std::string& name) {
  H5Id attr = open_attribute(file, path, name);
  H5Id type = utf8_string_type();
  char* data = nullptr;
  if (H5Aread(attr.get(), type.get(), &data) < 0 || data == nullptr) {
    throw autodiff::Error(path + ": attribute '" + name + "' is not a string");
  }
  std::string text(data);
  H5free_memory(data);
  return text;
}

std::vector<uint64_t> read_u64_attribute(hid_t file, const std::string& path, const std::string& name, size_t count) {
  std::vector<uint64_t> values(count);
  read_numbers(file, path, name, H5T_NATIVE_UINT64, values.data(), count);
  return values;
}

double read_double_attribute(hid_t file, const std::string& path, const std::string& name) {
  double value = 0;
  read_numbers(file, path, name, H5T_NATIVE_DOUBLE, &value, 1);
  return value;
}

std::vector<double> read_double_attributes(hid_t file, const std::string& path, const std::string& name) {
  H5Id attr = open_attribute(file, path, name);
  H5Id space(H5Aget_space(attr.get()), H5Sclose);
  std::vector<double> values(static_cast<size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (!values.empty() && H5Aread(attr.get(), H5T_NATIVE_DOUBLE, values.data()) < 0) {
    throw autodiff::Error(path + ": attribute '" + name + "' is not numbers");
  }
  return values;
}

template <class T>
autodiff::Matrix<T> read_matrix(hid_t file, const std::string& path, const std::string& key) {
  QuietHdf5 quiet;
  if (!has_dataset(file, key)) throw autodiff::Error(path + ": tensor '" + key + "' is missing");
  H5Id set(H5Dopen2(file, key.c_str(), H5P_DEFAULT), H5Dclose);
  H5Id space(H5Dget_space(set.get()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank != 1 && rank != 2) throw autodiff::Error(path + ": tensor '" + key + "' is not 1-D or 2-D");
  hsize_t dims[2] = {1, 0};  // a vector is one row
  H5Sget_simple_extent_dims(space.get(), rank == 1 ? dims + 1 : dims, nullptr);
  autodiff::Matrix<T> t({dims[0], dims[1]});
  const hid_t memory_type = std::is_same_v<T, double> ? H5T_NATIVE_DOUBLE : H5T_NATIVE_FLOAT;
  if (H5Dread(set.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.data()) < 0) {
    throw autodiff::Error(path + ": cannot read tensor '" + key + "' (" + hdf5_error_detail() + ")");
  }
  return t;
}

template autodiff::Matrix<float> read_matrix(hid_t, const std::string&, const std::string&);
template autodiff::Matrix<double> read_matrix(hid_t, const std::string&, const std::string&);

H5Id open_hdf5(const std::string& path) {
  if (!std::filesystem::exists(path)) throw autodiff::Error(path + ": no such file");
  QuietHdf5 quiet;
  H5Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid() && H5Fis_hdf5(path.c_str()) <= 0) {
    throw autodiff::Error(path + ": not an HDF5 file (.h5, .hdf5)");  // HDF5 would say "file signature not found"
  }
  if (!file.valid()) throw autodiff::Error(path + ": cannot open this HDF5 file (" + hdf5_error_detail() + ")");
  return file;
}

}  // namespace harness
