#include <rapidjson/writer.h>

#include "commands.h"

namespace traject::cli {

void WriteEventJson(Json& json, const Event& event) {
  auto& w = json.w();
  w.StartObject();
  json.Field("seq", event.seq);
  json.Field("kind", std::string(KindOf(event.payload)));
  json.Field("stream", event.stream);
  json.Field("position", event.position);
  json.Field("date", FormatDate(EffectiveDate(event.payload)));
  json.Field("actor", event.actor);
  json.Key("caused_by");
  if (event.caused_by)
    w.Int64(*event.caused_by);
  else
    w.Null();
  json.Key("payload");
  const std::string payload = EncodePayload(event.payload);
  w.RawValue(payload.c_str(), payload.size(), rapidjson::kObjectType);
  w.EndObject();
}

Status RecordAndReport(Context& context, const Command& command, const std::string& summary) {
  return RecordAndReport(context, command, [&](const Recorded&) { return summary; });
}

Status RecordAndReport(Context& context, const Command& command,
                       const std::function<std::string(const Recorded&)>& summary) {
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<Recorded> recorded = (*store)->Record(command);
  if (!recorded.ok()) return recorded.status();
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Key("events");
    json.w().StartArray();
    for (const Event& event : recorded->events) WriteEventJson(json, event);
    json.w().EndArray();
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  context.out() << summary(*recorded) << "\n";
  for (std::size_t i = 1; i < recorded->events.size(); ++i) {
    if (const auto* change = std::get_if<TrajectoryStateChanged>(&recorded->events[i].payload)) {
      context.out() << "  trajectory " << change->trajectory_id << ": " << ToString(change->from)
                    << " -> " << ToString(change->to) << "\n";
    }
  }
  return Status::OK();
}

}  // namespace traject::cli
