// Fuzz target: the payload decoder, DecodePayload(kind, json) (storage/payload_codec.cc), which
// reads every event of the log back. The first byte picks the kind (AllEventKinds(), or one no
// build knows), the rest is the JSON.
//
// Invariants: no crash, no exception out of the API; an error names the kind and repeats no
// 9-digit run of the input; a decoded payload is of that kind, re-encodes to one line, and that
// line decodes to a payload that encodes the same; a payload that is a command validates without
// repeating the input's digits either.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "traject/events.h"

using namespace traject;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::vector<std::string_view> kinds = AllEventKinds();
  const std::size_t pick = data[0] % (kinds.size() + 1);
  const std::string_view kind = pick < kinds.size() ? kinds[pick] : "no.such-kind";
  const std::string_view json(reinterpret_cast<const char*>(data) + 1, size - 1);

  Result<EventPayload> decoded = DecodePayload(kind, json);
  if (!decoded.ok()) {
    FUZZ_CHECK(decoded.status().code() == Status::Code::kInvalidArgument,
               decoded.status().ToString());
    FUZZ_CHECK(decoded.status().message().find(kind) != std::string::npos,
               "the error does not name the kind: " + decoded.status().ToString());
    fuzz::CheckNoNineDigitRunRepeated(json, decoded.status());
    return 0;
  }
  FUZZ_CHECK(KindOf(*decoded) == kind, std::string(KindOf(*decoded)));
  const std::string encoded = EncodePayload(*decoded);
  FUZZ_CHECK(encoded.find('\n') == std::string::npos, encoded);
  Result<EventPayload> again = DecodePayload(kind, encoded);
  FUZZ_CHECK(again.ok(),
             "re-encoded payload does not decode: " + again.status().ToString() + "\n  " + encoded);
  FUZZ_CHECK(EncodePayload(*again) == encoded, "decode(encode(p)) encodes differently:\n  " +
                                                   encoded + "\n  " + EncodePayload(*again));
  (void)EffectiveDate(*decoded);

  Result<Command> command = ToCommand(*decoded);
  if (command.ok()) {
    FUZZ_CHECK(KindOf(*command) == kind, std::string(KindOf(*command)));
    const Status valid = ValidateCommand(*command);
    if (!valid.ok()) fuzz::CheckNoNineDigitRunRepeated(json, valid);
  }
  return 0;
}
