// The CSV files of golden/: '#' comment lines, one header line naming the columns (any order), then
// one row per line of plain comma-separated fields (no quoting: the fields are names and numbers).
// Every error names the file, the line and the column.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace harness {

class CsvTable {
 public:
  /// Reads `path`; every column in `required` must be in the header. `what` says what the file is
  /// and how to give another one, for the message when it cannot be read.
  static CsvTable read(const std::string& path, const std::vector<std::string>& required, const std::string& what);

  size_t rows() const { return rows_.size(); }
  const std::string& text(size_t row, const std::string& column) const;
  double number(size_t row, const std::string& column) const;
  int64_t integer(size_t row, const std::string& column) const;
  /// "path:line" of a row, for messages.
  std::string where(size_t row) const;

 private:
  std::string path_;
  std::map<std::string, size_t> columns_;  // name -> position
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;                 // the file line of each row
};

}  // namespace harness
