// SHA-256 of files and byte strings (OpenSSL EVP), as lowercase hex: the checksum D4RL files are listed with.
#pragma once
#include <string>
#include <string_view>

namespace harness {

/// SHA-256 of the file at `path`, read in 1 MiB blocks. Throws DatasetError when it cannot be read.
std::string sha256_file(const std::string& path);

/// SHA-256 of `bytes`.
std::string sha256_bytes(std::string_view bytes);

}  // namespace harness
