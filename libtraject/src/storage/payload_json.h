// The stored JSON of event payloads as members of a larger cereal JSON document (a participant's
// export), written exactly as the log stores them (storage/payload_codec.cc).
#ifndef TRAJECT_STORAGE_PAYLOAD_JSON_H_
#define TRAJECT_STORAGE_PAYLOAD_JSON_H_

#include <cereal/archives/json.hpp>

#include "traject/events.h"

namespace traject {

// Writes "version" and the payload's fields into the archive's current object.
void SavePayloadFields(cereal::JSONOutputArchive& ar, const EventPayload& payload);

}  // namespace traject

#endif  // TRAJECT_STORAGE_PAYLOAD_JSON_H_
