#include "harness/data/d4rl_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "harness/data/crash_guard.h"
#include "harness/data/hdf5_file.h"

namespace harness {
namespace {

// the file being read, for messages: which file, and which registry entry it should be
struct Source {
  const std::string& path;
  const DatasetInfo* expect;  // nullable

  // what the user should do about a damaged file
  std::string fix() const {
    if (!expect) return "download or write the file again";
    return expect->regenerated ? generate_advice(*expect)
                               : "run `iql datasets fetch --force " + expect->name + "`";
  }
  [[noreturn]] void fail(const std::string& key, const std::string& what, const std::string& fix) const {
    throw DatasetError(path + ": '" + key + "' " + what + ": " + fix);
  }
  [[noreturn]] void fail(const std::string& key, const std::string& what) const { fail(key, what, fix()); }
};

std::string dtype_name(hid_t type) {
  size_t bits = 8 * H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_FLOAT: return "float" + std::to_string(bits);
    case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
    case H5T_ENUM: return H5Tget_nmembers(type) == 2 && bits == 8 ? "bool" : "enum" + std::to_string(bits);
    case H5T_STRING: return "string";
    default: return "other";
  }
}

std::vector<uint64_t> dims_of(hid_t dataset) {
  H5Id space(H5Dget_space(dataset), H5Sclose);
  int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(rank > 0 ? rank : 0);
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return {dims.begin(), dims.end()};
}

H5Id open_file(const Source& src) {
  if (!std::filesystem::exists(src.path)) {
    std::string fix = src.expect ? "run `iql datasets fetch " + src.expect->name + "`, or place " +
                                       src.expect->file_name + " there"
                                 : "check the path";
    throw DatasetError(src.path + ": no such file: " + fix);
  }
  H5Id file(H5Fopen(src.path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file.valid()) return file;
  // tell a cut download from a file that is not HDF5 at all (an HTML error page, say)
  std::string detail = hdf5_error_detail();
  std::string size = std::to_string(std::filesystem::file_size(src.path)) + " bytes";
  if (detail.find("truncated") != std::string::npos) {
    throw DatasetError(src.path + ": truncated file (" + size + "; " + detail + "): " + src.fix());
  }
#if H5_VERSION_GE(1, 12, 0)
  bool has_signature = H5Fis_accessible(src.path.c_str(), H5P_DEFAULT) > 0;
#else
  bool has_signature = H5Fis_hdf5(src.path.c_str()) > 0;
#endif
  if (!has_signature) {
    throw DatasetError(src.path + ": not an HDF5 file (no HDF5 signature in " + size +
                       "; an interrupted download or an error page?): " + src.fix());
  }
  throw DatasetError(src.path + ": cannot open as HDF5 (" + detail + "): " + src.fix());
}

// deflate shrinks data at most ~1032:1, so a dataset declaring more bytes than that ratio of what it
// stores has damaged dimensions; refused before allocating, where it would end in std::bad_alloc
void check_plausible_size(hid_t set, const Source& src, const std::string& key, const std::vector<uint64_t>& dims) {
  constexpr double kMostCompression = 1100;
  H5Id type(H5Dget_type(set), H5Tclose);
  double declared = static_cast<double>(H5Tget_size(type.get()));
  for (uint64_t d : dims) declared *= static_cast<double>(d);
  const double stored = static_cast<double>(H5Dget_storage_size(set));
  if (declared > kMostCompression * std::max(stored, 1.0)) {
    char text[160];
    std::snprintf(text, sizeof text, "declares %.3g bytes of values but stores %.0f bytes, so the file is damaged",
                  declared, stored);
    src.fail(key, text);
  }
}

// opens `key` and checks it has the layout of a D4RL column: (N) or (N, C)
H5Id open_column(hid_t file, const Source& src, const std::string& key) {
  if (!has_dataset(file, key)) src.fail(key, "is missing, so this is not a complete D4RL file");
  H5Id set(H5Dopen2(file, key.c_str(), H5P_DEFAULT), H5Dclose);
  if (!set.valid()) src.fail(key, "cannot be opened (" + hdf5_error_detail() + ")");
  const std::vector<uint64_t> dims = dims_of(set.get());
  if (dims.size() != 1 && dims.size() != 2) {
    src.fail(key, "has " + std::to_string(dims.size()) + " dimensions; expected (N) or (N, C)");
  }
  check_plausible_size(set.get(), src, key, dims);
  return set;
}

// (N) reads as (N, 1)
std::array<size_t, 2> matrix_shape(hid_t set) {
  std::vector<uint64_t> dims = dims_of(set);
  return {dims[0], dims.size() == 2 ? dims[1] : 1};
}

template <class T>
hid_t native_type_of();
template <>
hid_t native_type_of<float>() { return H5T_NATIVE_FLOAT; }
template <>
hid_t native_type_of<double>() { return H5T_NATIVE_DOUBLE; }

// a float32 or float64 column, converted to T by HDF5 while reading (no full-size temporary)
template <class T = float>
autodiff::Matrix<T> read_floats(hid_t file, const Source& src, const std::string& key) {
  H5Id set = open_column(file, src, key);
  H5Id type(H5Dget_type(set.get()), H5Tclose);
  size_t size = H5Tget_size(type.get());
  if (H5Tget_class(type.get()) != H5T_FLOAT || (size != 4 && size != 8)) {
    src.fail(key, "has dtype " + dtype_name(type.get()) + "; D4RL arrays are float32 or float64");
  }
  autodiff::Matrix<T> out(matrix_shape(set.get()));
  if (out.size() > 0 && H5Dread(set.get(), native_type_of<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
    src.fail(key, "cannot be read (" + hdf5_error_detail() + ")");
  }
  return out;
}

// bool (h5py's 1-byte enum), uint8, or any other numeric type; nonzero means set
std::vector<uint8_t> read_flags(hid_t file, const Source& src, const std::string& key) {
  H5Id set = open_column(file, src, key);
  std::array<size_t, 2> shape = matrix_shape(set.get());
  if (shape[1] != 1) src.fail(key, "has " + std::to_string(shape[1]) + " columns; a flag column has 1");
  H5Id type(H5Dget_type(set.get()), H5Tclose);
  H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_ENUM && type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
    src.fail(key, "has dtype " + dtype_name(type.get()) + "; D4RL flags are bool or uint8");
  }
  std::vector<uint8_t> flags(shape[0]);
  bool ok = true;
  if (flags.empty()) return flags;
  if (type_class != H5T_FLOAT && H5Tget_size(type.get()) == 1) {
    // one byte per flag: read the stored bytes as they are, in the file's own type (no conversion;
    // H5Tget_native_type crashes libhdf5 1.10 on a damaged enum type)
    ok = H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, flags.data()) >= 0;
  } else {
    std::vector<double> values(flags.size());
    ok = H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0;
    for (size_t i = 0; i < values.size(); ++i) flags[i] = values[i] != 0.0;
  }
  if (!ok) src.fail(key, "cannot be read (" + hdf5_error_detail() + ")");
  for (uint8_t& flag : flags) flag = flag != 0;
  return flags;
}

void check_rows(const Source& src, const std::string& key, size_t rows, size_t expected) {
  if (rows != expected) {
    src.fail(key, "has " + std::to_string(rows) + " rows but 'observations' has " + std::to_string(expected) +
                      ", so the file is damaged");
  }
}

// `columns` must be `expected` (skipped when that is unknown, -1); the environment says what it should be
void check_columns(const Source& src, const std::string& key, size_t columns, int expected, const char* what) {
  if (expected < 0 || columns == static_cast<size_t>(expected)) return;
  std::string found = "has " + std::to_string(columns) + " columns";
  std::string needed = std::to_string(expected) + " " + what;
  if (!src.expect) src.fail(key, found + "; expected " + needed);
  src.fail(key, found + " but " + src.expect->name + " (env " + src.expect->env + ") has " + needed,
           "this is not the " + src.expect->name + " file; check which file was placed under this name");
}

template <class T>
void check_finite(const Source& src, const std::string& key, const autodiff::Matrix<T>& values) {
  const T* data = values.data();
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(data[i])) {
      src.fail(key, "holds " + std::to_string(data[i]) + " at row " + std::to_string(i / values.shape(1)) +
                        ", so the file is damaged");
    }
  }
}

// reads one float column and checks its rows, columns (when `columns` >= 0) and values
template <class T = float>
autodiff::Matrix<T> read_checked(hid_t file, const Source& src, const std::string& key, size_t rows, int columns,
                                 const char* what) {
  autodiff::Matrix<T> values = read_floats<T>(file, src, key);
  check_rows(src, key, values.shape(0), rows);
  check_columns(src, key, values.shape(1), columns, what);
  check_finite(src, key, values);
  return values;
}

// one infos column, when the file has it, checked against the width its environment gives it
template <class T>
void read_info(hid_t file, const Source& src, const char* key, int width, const char* what,
               autodiff::Matrix<T>& out, size_t rows) {
  if (has_dataset(file, key)) out = read_checked<T>(file, src, key, rows, width, what);
}

void read_infos(hid_t file, const Source& src, D4rlArrays& out) {
  const EnvSpec* env = src.expect ? &dataset_env(*src.expect) : nullptr;
  read_info(file, src, "infos/qpos", env ? env->nq : -1, "qpos entries", out.qpos, out.rows());
  read_info(file, src, "infos/qvel", env ? env->nv : -1, "qvel entries", out.qvel, out.rows());
  read_info(file, src, "infos/goal", 2, "goal coordinates", out.goal, out.rows());
}

// the read itself; read_d4rl runs it in a child first
D4rlArrays read_unguarded(const std::string& path, const DatasetInfo* expect, InfoKeys infos) {
  QuietHdf5 quiet;
  Source src{path, expect};
  H5Id file = open_file(src);
  const EnvSpec* env = expect ? &dataset_env(*expect) : nullptr;

  // N comes from the file: observations set it, every other column must agree
  D4rlArrays out;
  out.observations = read_floats(file.get(), src, "observations");
  size_t n = out.rows();
  if (n == 0) src.fail("observations", "has no rows");
  check_columns(src, "observations", out.observations.shape(1), env ? env->obs_dim : -1, "observation dims");
  check_finite(src, "observations", out.observations);
  out.actions = read_checked(file.get(), src, "actions", n, env ? env->act_dim : -1, "action dims");
  out.rewards = read_checked(file.get(), src, "rewards", n, 1, "reward column");
  out.terminals = read_flags(file.get(), src, "terminals");
  check_rows(src, "terminals", out.terminals.size(), n);
  out.timeouts = read_flags(file.get(), src, "timeouts");
  check_rows(src, "timeouts", out.timeouts.size(), n);
  if (infos == InfoKeys::read) read_infos(file.get(), src, out);
  return out;
}

}  // namespace

size_t D4rlArrays::bytes() const {
  size_t floats = observations.size() + actions.size() + rewards.size() + goal.size();
  return floats * sizeof(float) + (qpos.size() + qvel.size()) * sizeof(double) + terminals.size() + timeouts.size();
}

D4rlArrays read_d4rl(const std::string& path, const DatasetInfo* expect, InfoKeys infos) {
  const std::string crash = crash_in_child([&] { read_unguarded(path, expect, infos); });
  if (!crash.empty()) {
    throw DatasetError(path + ": libhdf5 crashes reading it (" + crash + "), so the file is damaged: " +
                       Source{path, expect}.fix());
  }
  return read_unguarded(path, expect, infos);
}


std::vector<KeyInfo> list_hdf5_keys(const std::string& path) {
  QuietHdf5 quiet;
  H5Id file = open_file(Source{path, nullptr});
  std::vector<KeyInfo> keys;
  // `auto` link info: H5L_info_t in HDF5 1.10, H5L_info2_t from 1.12
  auto visit = [](hid_t group, const char* name, const auto*, void* out) -> herr_t {
    H5Id object(H5Oopen(group, name, H5P_DEFAULT), H5Oclose);
    if (object.valid() && H5Iget_type(object.get()) == H5I_DATASET) {
      H5Id type(H5Dget_type(object.get()), H5Tclose);
      static_cast<std::vector<KeyInfo>*>(out)->push_back({name, dims_of(object.get()), dtype_name(type.get())});
    }
    return 0;
  };
  if (H5Lvisit(file.get(), H5_INDEX_NAME, H5_ITER_INC, visit, &keys) < 0) {
    throw DatasetError(path + ": cannot list the keys (" + hdf5_error_detail() + ")");
  }
  return keys;
}

}  // namespace harness
