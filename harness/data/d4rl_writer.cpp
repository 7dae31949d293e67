// Layouts: spec/environments.md sections 5.2 (gym-mujoco v2) and 5.3 (antmaze).
#include "harness/data/d4rl_writer.h"

#include <filesystem>

namespace harness {
namespace {

constexpr hsize_t kChunkRows = 4096;
constexpr unsigned kDeflateLevel = 4;

H5Id property_list(hid_t cls) {
  H5Id list(H5Pcreate(cls), H5Pclose);
  // no creation/modification times in object headers: equal content, equal bytes
  H5Pset_obj_track_times(list.get(), false);
  return list;
}

hid_t file_type_of(FloatType type) { return type == FloatType::f32 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE; }

// ---- write_d4rl checks ----

void check_rows(const std::string& path, const std::string& key, size_t rows, size_t n) {
  if (rows != n) {
    throw DatasetError(path + ": cannot write '" + key + "': it has " + std::to_string(rows) +
                       " rows but 'observations' has " + std::to_string(n));
  }
}

void check_file(const std::string& path, const D4rlFile& file) {
  const D4rlArrays& a = file.arrays;
  size_t n = a.rows();
  check_rows(path, "actions", a.actions.shape(0), n);
  check_rows(path, "rewards", a.rewards.shape(0), n);
  check_rows(path, "terminals", a.terminals.size(), n);
  check_rows(path, "timeouts", a.timeouts.size(), n);
  const std::pair<const char*, size_t> optional[] = {{"next_observations", file.next_observations.shape(0)},
                                                     {"infos/action_log_probs", file.action_log_probs.shape(0)},
                                                     {"infos/qpos", a.qpos.shape(0)},
                                                     {"infos/qvel", a.qvel.shape(0)},
                                                     {"infos/goal", a.goal.shape(0)}};
  for (auto [key, rows] : optional) {
    if (rows > 0) check_rows(path, key, rows, n);
  }
}

void write_if_present(Hdf5Writer& out, const std::string& key, const Tensor& values, FloatType type,
                      bool as_vector = false) {
  if (values.shape(0) > 0) out.floats(key, values, type, as_vector);
}

void write_if_present(Hdf5Writer& out, const std::string& key, const StateMatrix& values, FloatType type) {
  if (values.shape(0) > 0) out.doubles(key, values, type);
}
}  // namespace

Hdf5Writer::Hdf5Writer(const std::string& path, bool gzip) : path_(path), gzip_(gzip) {
  QuietHdf5 quiet;
  // the file's creation properties make the root group: no times there either
  H5Id creation = property_list(H5P_FILE_CREATE);
  file_ = H5Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.get(), H5P_DEFAULT), H5Fclose);
  if (!file_.valid()) throw DatasetError(path + ": cannot create an HDF5 file (" + hdf5_error_detail() + ")");
}

void Hdf5Writer::floats(const std::string& key, const Tensor& values, FloatType type, bool as_vector) {
  if (as_vector && values.shape(1) != 1) {
    throw DatasetError(path_ + ": cannot write '" + key + "' as a vector: it has " +
                       std::to_string(values.shape(1)) + " columns");
  }
  std::vector<hsize_t> dims = {values.shape(0), values.shape(1)};
  if (as_vector) dims.pop_back();
  write(key, file_type_of(type), H5T_NATIVE_FLOAT, dims, values.data());
}

void Hdf5Writer::doubles(const std::string& key, const autodiff::Matrix<double>& values, FloatType type) {
  write(key, file_type_of(type), H5T_NATIVE_DOUBLE, {values.shape(0), values.shape(1)}, values.data());
}

void Hdf5Writer::text(const std::string& key, const std::string& value) {
  QuietHdf5 quiet;
  make_groups(key);
  H5Id type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Id creation = property_list(H5P_DATASET_CREATE);
  H5Id set(H5Dcreate2(file_.get(), key.c_str(), type.get(), space.get(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
           H5Dclose);
  const char* data = value.c_str();
  if (!set.valid() || H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &data) < 0) {
    throw DatasetError(path_ + ": cannot write '" + key + "' (" + hdf5_error_detail() + ")");
  }
}

void Hdf5Writer::flags(const std::string& key, const std::vector<uint8_t>& values, FlagType type) {
  std::vector<hsize_t> dims = {values.size()};
  if (type == FlagType::uint8) return write(key, H5T_STD_U8LE, H5T_NATIVE_UINT8, dims, values.data());
  // h5py's bool: an enum over int8 with FALSE = 0 and TRUE = 1; 0/1 bytes are its values
  H5Id boolean(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose);
  for (int8_t value : {0, 1}) H5Tenum_insert(boolean.get(), value ? "TRUE" : "FALSE", &value);
  write(key, boolean.get(), boolean.get(), dims, values.data());
}

Hdf5Writer::~Hdf5Writer() {
  QuietHdf5 quiet;
  file_.reset();
}

void Hdf5Writer::close() {
  QuietHdf5 quiet;
  if (file_.valid() && H5Fflush(file_.get(), H5F_SCOPE_LOCAL) < 0) {
    const std::string detail = hdf5_error_detail();
    file_.reset();
    throw DatasetError(path_ + ": cannot write to disk (" + detail + "): free some space, then run the command again");
  }
  file_.reset();
}

void Hdf5Writer::make_groups(const std::string& key) {
  for (size_t slash = key.find('/'); slash != std::string::npos; slash = key.find('/', slash + 1)) {
    std::string group = key.substr(0, slash);
    if (H5Lexists(file_.get(), group.c_str(), H5P_DEFAULT) > 0) continue;
    H5Id creation = property_list(H5P_GROUP_CREATE);
    H5Id made(H5Gcreate2(file_.get(), group.c_str(), H5P_DEFAULT, creation.get(), H5P_DEFAULT), H5Gclose);
    if (!made.valid()) throw DatasetError(path_ + ": cannot create group '" + group + "'");
  }
}

void Hdf5Writer::write(const std::string& key, hid_t file_type, hid_t memory_type, const std::vector<hsize_t>& dims,
                       const void* data) {
  QuietHdf5 quiet;
  make_groups(key);
  H5Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  H5Id creation = property_list(H5P_DATASET_CREATE);
  if (gzip_ && dims[0] > 0) {
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::min(dims[0], kChunkRows);
    H5Pset_chunk(creation.get(), static_cast<int>(chunk.size()), chunk.data());
    H5Pset_deflate(creation.get(), kDeflateLevel);
  }
  H5Id set(H5Dcreate2(file_.get(), key.c_str(), file_type, space.get(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
           H5Dclose);
  bool empty = dims[0] == 0 || (dims.size() == 2 && dims[1] == 0);
  if (!set.valid() || (!empty && H5Dwrite(set.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
    throw DatasetError(path_ + ": cannot write '" + key + "' (" + hdf5_error_detail() + ")");
  }
}

void write_hdf5_file(const std::string& path, const std::function<void(Hdf5Writer&)>& fill, bool gzip) {
  const std::string partial = path + ".writing";
  try {
    Hdf5Writer out(partial, gzip);
    fill(out);
    out.close();
    std::filesystem::rename(partial, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
}

void write_d4rl(const std::string& path, const D4rlFile& file) {
  check_file(path, file);
  write_hdf5_file(path, [&file](Hdf5Writer& out) {
    const D4rlArrays& a = file.arrays;
    out.floats("observations", a.observations, file.floats);
    out.floats("actions", a.actions, file.floats);
    out.floats("rewards", a.rewards, file.floats, true);
    out.flags("terminals", a.terminals, file.flags);
    out.flags("timeouts", a.timeouts, file.flags);
    write_if_present(out, "next_observations", file.next_observations, file.floats);
    write_if_present(out, "infos/action_log_probs", file.action_log_probs, file.floats, true);
    write_if_present(out, "infos/qpos", a.qpos, file.floats);
    write_if_present(out, "infos/qvel", a.qvel, file.floats);
    write_if_present(out, "infos/goal", a.goal, file.floats);
    for (const auto& [key, text] : file.metadata_text) out.text(key, text);
    for (const NamedTensor& t : file.metadata_tensors) out.floats(t.key, t.values, FloatType::f32, t.vector);
  }, file.gzip);
}

}  // namespace harness
