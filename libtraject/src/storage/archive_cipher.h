// Encrypted backup archives (traject/backup.h, BackupOptions::encryption_key): the bytes of an
// archive in either encoding, encrypted and authenticated with libsodium's secretstream
// (XChaCha20-Poly1305), never with code of our own.
//
// File layout:
//   the line "TRAJECT-BACKUP-ENCRYPTED\n";
//   one byte, the layout version (1);
//   32 bytes, the key's id: BLAKE2b-256 keyed with the archive key over a fixed text — tells a
//     wrong key from a changed byte, and reveals nothing of the key;
//   secretstream's header (24 bytes: its random nonce);
//   chunks of kCipherChunk plaintext bytes each (the last of 1 to kCipherChunk; one empty chunk
//   for an empty plaintext), each followed by its 17 bytes of tag and MAC; the last one, and only
//   it, tagged FINAL.
// Every chunk is authenticated together with the layout line, version and key id (additional
// data), and the stream's MACs chain the chunks in order: a changed, dropped, reordered or
// appended byte anywhere, a cut at any point, or a header of another archive is refused.
//
// The archive key is derived from the key file's bytes (at least kMinBackupKeyBytes, a secret
// of full entropy such as `traject keygen` writes): BLAKE2b-256 over a fixed text and them.
#ifndef TRAJECT_STORAGE_ARCHIVE_CIPHER_H_
#define TRAJECT_STORAGE_ARCHIVE_CIPHER_H_

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "traject/status.h"

namespace traject::storage {

inline constexpr std::string_view kEncryptedMagic = "TRAJECT-BACKUP-ENCRYPTED\n";
inline constexpr std::size_t kCipherChunk = 64 * 1024;

// True when `in` starts with kEncryptedMagic, or holds a part of it past what the plain binary
// archive's first line shares with it and nothing else (an encrypted archive cut in its first
// line, for DecryptingBuffer to call truncated); `in` is left where it was.
bool IsEncryptedArchive(std::istream& in);

// The key an archive is encrypted under, derived from the key given (see above), and its id.
class ArchiveKey {
 public:
  // InvalidArgument when `secret` is shorter than kMinBackupKeyBytes.
  static Result<ArchiveKey> Derive(std::string_view secret);
  ArchiveKey(const ArchiveKey&) = delete;
  ArchiveKey& operator=(const ArchiveKey&) = delete;
  ArchiveKey(ArchiveKey&& other) noexcept;
  ArchiveKey& operator=(ArchiveKey&& other) noexcept;
  ~ArchiveKey();  // wipes the key

  const unsigned char* data() const { return key_.data(); }
  const std::array<unsigned char, 32>& id() const { return id_; }

 private:
  ArchiveKey() = default;
  std::array<unsigned char, 32> key_{};
  std::array<unsigned char, 32> id_{};
};

// Encrypts what is written to it into `out`, as laid out above. Write the plaintext through an
// std::ostream over it, then Finish(). Not thread-safe.
class EncryptingBuffer : public std::streambuf {
 public:
  EncryptingBuffer(std::ostream& out, const ArchiveKey& key);
  ~EncryptingBuffer() override;
  // Writes the last chunk. Storage when `out` failed at any point.
  Status Finish();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

 private:
  bool Seal(bool final);
  std::ostream& out_;
  std::vector<unsigned char> ad_;
  std::vector<char> plain_;
  std::vector<unsigned char> sealed_;
  struct State;
  std::unique_ptr<State> state_;
  bool failed_ = false, finished_ = false;
};

// Decrypts an encrypted archive from `in` (positioned at its start) for reading through an
// std::istream over it. A failure (a wrong key, a changed or cut byte) ends the stream and is
// kept in status(), which then says what and where, never the content; a reader that meets the
// early end should report status() instead of its own finding. Not thread-safe.
class DecryptingBuffer : public std::streambuf {
 public:
  DecryptingBuffer(std::istream& in, const ArchiveKey& key);
  ~DecryptingBuffer() override;
  // OK while no failure was met.
  const Status& status() const { return status_; }
  // Reads what is left: OK when the stream ended with its FINAL chunk, at the end of `in`.
  Status Finish();

 protected:
  int_type underflow() override;

 private:
  bool Open(const ArchiveKey& key);
  bool Fail(Status status);
  std::istream& in_;
  std::vector<unsigned char> ad_;
  std::vector<unsigned char> sealed_;
  std::vector<char> plain_;
  struct State;
  std::unique_ptr<State> state_;
  std::int64_t chunk_ = 0;
  bool final_ = false;
  Status status_;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_ARCHIVE_CIPHER_H_
