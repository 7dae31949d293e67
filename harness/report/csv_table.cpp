#include "harness/report/csv_table.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "autodiff/error.h"

namespace harness {
namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ",") + name;
  return out;
}

}  // namespace

CsvTable CsvTable::read(const std::string& path, const std::vector<std::string>& required, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw autodiff::Error(path + ": cannot read " + what);
  CsvTable table;
  table.path_ = path;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = split_csv_line(line);
    const std::string at = path + ":" + std::to_string(number);
    if (table.columns_.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) table.columns_[fields[i]] = i;
      for (const std::string& name : required) {
        if (!table.columns_.count(name)) {
          throw autodiff::Error(at + ": the header lacks column '" + name + "'; it needs " + joined(required));
        }
      }
      continue;
    }
    if (fields.size() != table.columns_.size()) {
      throw autodiff::Error(at + ": " + std::to_string(fields.size()) + " fields but the header has " +
                            std::to_string(table.columns_.size()));
    }
    table.rows_.push_back(std::move(fields));
    table.lines_.push_back(number);
  }
  if (table.columns_.empty()) throw autodiff::Error(path + ": no header line; " + what + " is empty");
  return table;
}

const std::string& CsvTable::text(size_t row, const std::string& column) const {
  return rows_.at(row).at(columns_.at(column));
}

double CsvTable::number(size_t row, const std::string& column) const {
  const std::string& field = text(row, column);
  char* end = nullptr;
  const double value = std::strtod(field.c_str(), &end);
  if (field.empty() || *end != '\0') {
    throw autodiff::Error(where(row) + ": column '" + column + "' is '" + field + "', not a number");
  }
  return value;
}

int64_t CsvTable::integer(size_t row, const std::string& column) const {
  const std::string& field = text(row, column);
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(field.c_str(), &end, 10);
  if (field.empty() || *end != '\0' || errno == ERANGE) {
    throw autodiff::Error(where(row) + ": column '" + column + "' is '" + field + "', not an integer");
  }
  return value;
}

std::string CsvTable::where(size_t row) const { return path_ + ":" + std::to_string(lines_.at(row)); }

}  // namespace harness
