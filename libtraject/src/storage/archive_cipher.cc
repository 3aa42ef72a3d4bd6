#include "storage/archive_cipher.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "traject/backup.h"

namespace traject::storage {
namespace {

using Stream = crypto_secretstream_xchacha20poly1305_state;
constexpr std::size_t kHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kTagBytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr unsigned char kLayoutVersion = 1;
constexpr std::string_view kKeyContext = "traject backup archive key v1";
constexpr std::string_view kKeyIdContext = "traject backup archive key id v1";

static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == 32);

// sodium_init() is idempotent and thread-safe; it fails only without a source of randomness.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// The additional data every chunk is authenticated with: the layout line, version and key id.
std::vector<unsigned char> AdditionalData(const std::array<unsigned char, 32>& id) {
  std::vector<unsigned char> ad(kEncryptedMagic.begin(), kEncryptedMagic.end());
  ad.push_back(kLayoutVersion);
  ad.insert(ad.end(), id.begin(), id.end());
  return ad;
}

}  // namespace

bool IsEncryptedArchive(std::istream& in) {
  const std::istream::pos_type start = in.tellg();
  std::string magic(kEncryptedMagic.size(), '\0');
  in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  const std::size_t got = static_cast<std::size_t>(in.gcount());
  // A cut first line counts once it is past what the plain binary archive's shares with it
  // ("TRAJECT-BACKUP-").
  constexpr std::size_t kShared = std::string_view("TRAJECT-BACKUP-").size();
  const bool encrypted =
      got > kShared && kEncryptedMagic.starts_with(std::string_view(magic).substr(0, got));
  in.clear();
  in.seekg(start);
  return encrypted;
}

Result<ArchiveKey> ArchiveKey::Derive(std::string_view secret) {
  if (secret.size() < kMinBackupKeyBytes) {
    return Status::InvalidArgument(fmt::format("the backup key is {} bytes; it must be at least {} "
                                               "(traject::WriteNewKeyFile makes one)",
                                               secret.size(), kMinBackupKeyBytes))
        .WithField("encryption_key");
  }
  if (!SodiumReady()) return Status::Internal("libsodium cannot start (no source of randomness)");
  ArchiveKey key;
  crypto_generichash_state hash;
  crypto_generichash_init(&hash, nullptr, 0, key.key_.size());
  crypto_generichash_update(&hash, reinterpret_cast<const unsigned char*>(kKeyContext.data()),
                            kKeyContext.size());
  crypto_generichash_update(&hash, reinterpret_cast<const unsigned char*>(secret.data()),
                            secret.size());
  crypto_generichash_final(&hash, key.key_.data(), key.key_.size());
  sodium_memzero(&hash, sizeof hash);
  crypto_generichash(key.id_.data(), key.id_.size(),
                     reinterpret_cast<const unsigned char*>(kKeyIdContext.data()),
                     kKeyIdContext.size(), key.key_.data(), key.key_.size());
  return key;
}

ArchiveKey::ArchiveKey(ArchiveKey&& other) noexcept : key_(other.key_), id_(other.id_) {
  sodium_memzero(other.key_.data(), other.key_.size());
}

ArchiveKey& ArchiveKey::operator=(ArchiveKey&& other) noexcept {
  key_ = other.key_;
  id_ = other.id_;
  sodium_memzero(other.key_.data(), other.key_.size());
  return *this;
}

ArchiveKey::~ArchiveKey() { sodium_memzero(key_.data(), key_.size()); }

struct EncryptingBuffer::State {
  Stream stream;
};

EncryptingBuffer::EncryptingBuffer(std::ostream& out, const ArchiveKey& key)
    : out_(out), ad_(AdditionalData(key.id())), state_(std::make_unique<State>()) {
  plain_.resize(kCipherChunk);
  sealed_.resize(kCipherChunk + kTagBytes);
  unsigned char header[kHeaderBytes];
  if (!SodiumReady() ||
      crypto_secretstream_xchacha20poly1305_init_push(&state_->stream, header, key.data()) != 0) {
    failed_ = true;
  }
  out_.write(reinterpret_cast<const char*>(ad_.data()), static_cast<std::streamsize>(ad_.size()));
  out_.write(reinterpret_cast<const char*>(header), kHeaderBytes);
  setp(plain_.data(), plain_.data() + plain_.size());
}

EncryptingBuffer::~EncryptingBuffer() {
  sodium_memzero(plain_.data(), plain_.size());
  sodium_memzero(&state_->stream, sizeof state_->stream);
}

bool EncryptingBuffer::Seal(bool final) {
  const std::size_t size = static_cast<std::size_t>(pptr() - pbase());
  unsigned long long sealed_size = 0;
  if (crypto_secretstream_xchacha20poly1305_push(
          &state_->stream, sealed_.data(), &sealed_size,
          reinterpret_cast<const unsigned char*>(pbase()), size, ad_.data(), ad_.size(),
          final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0) != 0) {
    failed_ = true;
  }
  out_.write(reinterpret_cast<const char*>(sealed_.data()),
             static_cast<std::streamsize>(sealed_size));
  if (!out_) failed_ = true;
  setp(plain_.data(), plain_.data() + plain_.size());
  return !failed_;
}

// A full chunk is sealed only when more follows, so the FINAL chunk is the one Finish() seals.
EncryptingBuffer::int_type EncryptingBuffer::overflow(int_type c) {
  if (finished_ || failed_) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  if (pptr() == epptr() && !Seal(/*final=*/false)) return traits_type::eof();
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize EncryptingBuffer::xsputn(const char* s, std::streamsize n) {
  std::streamsize written = 0;
  while (written < n) {
    if (finished_ || failed_) return written;
    if (pptr() == epptr() && !Seal(/*final=*/false)) return written;
    const std::streamsize room = std::min<std::streamsize>(epptr() - pptr(), n - written);
    std::memcpy(pptr(), s + written, static_cast<std::size_t>(room));
    pbump(static_cast<int>(room));
    written += room;
  }
  return written;
}

Status EncryptingBuffer::Finish() {
  if (!finished_ && !failed_) Seal(/*final=*/true);
  finished_ = true;
  out_.flush();
  if (failed_ || !out_) return Status::Storage("writing the encrypted archive failed");
  return Status::OK();
}

struct DecryptingBuffer::State {
  Stream stream;
};

DecryptingBuffer::DecryptingBuffer(std::istream& in, const ArchiveKey& key)
    : in_(in), ad_(AdditionalData(key.id())), state_(std::make_unique<State>()) {
  sealed_.resize(kCipherChunk + kTagBytes);
  plain_.resize(kCipherChunk);
  setg(plain_.data(), plain_.data(), plain_.data());
  Open(key);
}

DecryptingBuffer::~DecryptingBuffer() {
  sodium_memzero(plain_.data(), plain_.size());
  sodium_memzero(&state_->stream, sizeof state_->stream);
}

bool DecryptingBuffer::Fail(Status status) {
  if (status_.ok()) status_ = std::move(status);
  final_ = true;
  setg(plain_.data(), plain_.data(), plain_.data());
  return false;
}

bool DecryptingBuffer::Open(const ArchiveKey& key) {
  std::vector<unsigned char> layout(ad_.size());
  in_.read(reinterpret_cast<char*>(layout.data()), static_cast<std::streamsize>(layout.size()));
  const std::size_t got = static_cast<std::size_t>(in_.gcount());
  const std::string_view start(reinterpret_cast<const char*>(layout.data()),
                               std::min(got, kEncryptedMagic.size()));
  if (got == 0 || !kEncryptedMagic.starts_with(start)) {
    return Fail(Status::InvalidArgument("not an encrypted traject backup archive"));
  }
  if (got != layout.size()) {
    return Fail(Status::InvalidArgument("truncated: the encrypted archive ends in its header"));
  }
  if (layout[kEncryptedMagic.size()] != kLayoutVersion) {
    return Fail(Status::InvalidArgument(fmt::format(
        "an encrypted archive of layout version {}; this traject reads version {}: upgrade "
        "traject to read it",
        layout[kEncryptedMagic.size()], kLayoutVersion)));
  }
  if (!std::equal(ad_.begin(), ad_.end(), layout.begin())) {
    return Fail(Status::InvalidArgument(
        "encrypted with another key than the one given: give the key it was backed up with"));
  }
  unsigned char header[kHeaderBytes];
  in_.read(reinterpret_cast<char*>(header), kHeaderBytes);
  if (in_.gcount() != static_cast<std::streamsize>(kHeaderBytes)) {
    return Fail(Status::InvalidArgument("truncated: the encrypted archive ends in its header"));
  }
  if (!SodiumReady() ||
      crypto_secretstream_xchacha20poly1305_init_pull(&state_->stream, header, key.data()) != 0) {
    return Fail(Status::InvalidArgument("the encrypted archive's header is damaged or changed"));
  }
  return true;
}

DecryptingBuffer::int_type DecryptingBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (final_) return traits_type::eof();
  in_.read(reinterpret_cast<char*>(sealed_.data()), static_cast<std::streamsize>(sealed_.size()));
  const std::size_t got = static_cast<std::size_t>(in_.gcount());
  ++chunk_;
  if (got == 0) {
    Fail(Status::InvalidArgument(
        fmt::format("truncated: the encrypted archive ends before its last chunk (after chunk {})",
                    chunk_ - 1)));
    return traits_type::eof();
  }
  unsigned long long plain_size = 0;
  unsigned char tag = 0;
  if (got < kTagBytes || crypto_secretstream_xchacha20poly1305_pull(
                             &state_->stream, reinterpret_cast<unsigned char*>(plain_.data()),
                             &plain_size, &tag, sealed_.data(), got, ad_.data(), ad_.size()) != 0) {
    Fail(Status::InvalidArgument(fmt::format(
        "encrypted chunk {} (from byte {}) is changed, damaged or cut: it does not authenticate",
        chunk_,
        ad_.size() + kHeaderBytes + static_cast<std::size_t>(chunk_ - 1) * sealed_.size())));
    return traits_type::eof();
  }
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    final_ = true;
  } else if (got < sealed_.size()) {
    Fail(Status::InvalidArgument(fmt::format(
        "truncated: the encrypted archive ends in chunk {}, before its last chunk", chunk_)));
    return traits_type::eof();
  }
  setg(plain_.data(), plain_.data(), plain_.data() + plain_size);
  if (plain_size == 0) return underflow();
  return traits_type::to_int_type(*gptr());
}

Status DecryptingBuffer::Finish() {
  while (status_.ok() && !final_) {
    setg(plain_.data(), plain_.data(), plain_.data());
    underflow();
  }
  if (!status_.ok()) return status_;
  if (in_.peek() != std::istream::traits_type::eof()) {
    Fail(Status::InvalidArgument(
        "bytes after the encrypted archive's last chunk: changed or damaged"));
    return status_;
  }
  return Status::OK();
}

}  // namespace traject::storage
