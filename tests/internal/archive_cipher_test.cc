// The encryption of backup archives (storage/archive_cipher.h) over streams of several chunks:
// every length round-trips, and an attacker with the file but not the key — who knows the
// layout — can neither read it nor change, drop, reorder, cut or extend it unnoticed.
#include "storage/archive_cipher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "testutil.h"

namespace traject::storage {
namespace {

constexpr std::size_t kLayout = kEncryptedMagic.size() + 1 + 32 + 24;  // before the chunks
constexpr std::size_t kSealedChunk = kCipherChunk + 17;

ArchiveKey Key(char fill) {
  Result<ArchiveKey> key = ArchiveKey::Derive(std::string(40, fill));
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

std::string Encrypt(const std::string& plain, const ArchiveKey& key) {
  std::ostringstream file;
  EncryptingBuffer buffer(file, key);
  std::ostream out(&buffer);
  // In pieces of odd sizes, as the archive writer writes.
  for (std::size_t at = 0; at < plain.size(); at += 1000) out << plain.substr(at, 1000);
  out.flush();
  EXPECT_TRUE(buffer.Finish().ok());
  return file.str();
}

// The plaintext read back, or the status that ended it.
Result<std::string> Decrypt(const std::string& sealed, const ArchiveKey& key) {
  std::istringstream file(sealed);
  DecryptingBuffer buffer(file, key);
  std::istream in(&buffer);
  std::string plain((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (Status s = buffer.Finish(); !s.ok()) return s;
  return plain;
}

std::string Random(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string text(size, '\0');
  for (char& c : text) c = static_cast<char>(random() & 0xff);
  return text;
}

TEST(ArchiveCipherTest, EveryLengthRoundTripsAndOnlyUnderItsKey) {
  const ArchiveKey key = Key('k');
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, kCipherChunk - 1, kCipherChunk,
                           kCipherChunk + 1, 3 * kCipherChunk + 5}) {
    SCOPED_TRACE(size);
    const std::string plain = Random(size, static_cast<unsigned>(size));
    const std::string sealed = Encrypt(plain, key);
    // Full chunks, the last one of 1 to kCipherChunk bytes; one empty chunk for nothing.
    const std::size_t chunks = std::max<std::size_t>(1, (size + kCipherChunk - 1) / kCipherChunk);
    EXPECT_EQ(sealed.size(), kLayout + size + 17 * chunks);
    Result<std::string> opened = Decrypt(sealed, key);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(*opened, plain);
    Result<std::string> other = Decrypt(sealed, Key('o'));
    EXPECT_FALSE(other.ok());
    EXPECT_NE(other.status().message().find("another key"), std::string::npos);
  }
  // Two archives of the same content under one key differ (a random nonce per archive).
  EXPECT_NE(Encrypt("same", key), Encrypt("same", key));
}

TEST(ArchiveCipherTest, AnAttackerWhoKnowsTheLayoutCannotChangeItUnnoticed) {
  const ArchiveKey key = Key('k');
  const std::string plain = Random(3 * kCipherChunk + 100, 7);
  const std::string sealed = Encrypt(plain, key);
  ASSERT_EQ(sealed.size(), kLayout + 4 * kSealedChunk - kCipherChunk + 100);
  const auto chunk = [&](std::size_t i) {
    return sealed.substr(kLayout + i * kSealedChunk, kSealedChunk);
  };
  const std::string layout = sealed.substr(0, kLayout);
  const std::string tail = sealed.substr(kLayout + 3 * kSealedChunk);
  struct Case {
    std::string name;
    std::string content;
  };
  std::vector<Case> cases = {
      {"chunks 1 and 2 swapped", layout + chunk(1) + chunk(0) + chunk(2) + tail},
      {"a chunk dropped", layout + chunk(0) + chunk(2) + tail},
      {"a chunk repeated", layout + chunk(0) + chunk(0) + chunk(1) + chunk(2) + tail},
      {"cut at a chunk boundary", layout + chunk(0) + chunk(1)},
      {"cut after the layout", layout},
      {"cut inside the layout", layout.substr(0, 30)},
      {"the last chunk dropped", layout + chunk(0) + chunk(1) + chunk(2)},
      {"another archive's last chunk", layout + chunk(0) + chunk(1) + chunk(2) +
                                           Encrypt(plain, key).substr(kLayout + 3 * kSealedChunk)},
      {"a byte appended", sealed + "x"},
      {"another archive appended", sealed + Encrypt("more", key)},
  };
  // One flipped bit at every 997th byte, the layout's bytes all included.
  for (std::size_t at = 0; at < sealed.size(); at += (at < kLayout ? 1 : 997)) {
    std::string flipped = sealed;
    flipped[at] ^= 0x04;
    cases.push_back({"bit flipped at byte " + std::to_string(at), flipped});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::string> opened = Decrypt(c.content, key);
    ASSERT_FALSE(opened.ok()) << "accepted";
    EXPECT_EQ(opened.status().code(), Status::Code::kInvalidArgument);
  }
  // The plaintext is nowhere in the file: no 32-byte piece of it appears.
  for (std::size_t at = 0; at + 32 <= plain.size(); at += 4096) {
    EXPECT_EQ(sealed.find(plain.substr(at, 32)), std::string::npos);
  }
}

TEST(ArchiveCipherTest, AShortKeyIsRefused) {
  Result<ArchiveKey> key = ArchiveKey::Derive(std::string(31, 'k'));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(key.status().message().find("kkkk"), std::string::npos) << "the key in a message";
}

}  // namespace
}  // namespace traject::storage
