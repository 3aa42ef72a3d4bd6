// ParticipantExportJson: the export as one cereal JSON document. Written member by member
// (cereal's node API) rather than through serialize functions for the model types, so that the
// document's layout is stated here, in one place, as docs/security.md documents it.
#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "storage/payload_json.h"
#include "traject/participant_rights.h"

namespace traject {
namespace {

constexpr std::uint32_t kExportVersion = 1;

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatDate(*date) : std::string();
}

class Writer {
 public:
  explicit Writer(cereal::JSONOutputArchive& ar) : ar_(ar) {}

  template <typename T>
  void Value(const char* name, const T& value) {
    ar_(cereal::make_nvp(name, value));
  }
  void Value(const char* name, Date date) { Value(name, FormatDate(date)); }
  void Value(const char* name, const std::optional<Date>& date) { Value(name, DateText(date)); }

  template <typename Body>
  void Object(const char* name, Body body) {
    ar_.setNextName(name);
    ar_.startNode();
    body();
    ar_.finishNode();
  }

  template <typename T, typename Each>
  void Array(const char* name, const std::vector<T>& items, Each each) {
    ar_.setNextName(name);
    ar_.startNode();
    ar_.makeArray();
    for (const T& item : items) {
      ar_.startNode();
      each(item);
      ar_.finishNode();
    }
    ar_.finishNode();
  }

  void Corrections(const std::vector<Correction>& corrections) {
    Array("corrections", corrections, [&](const Correction& c) {
      Value("kind", c.kind);
      Value("date", c.date);
      Value("what", c.what);
      Value("reason", c.reason);
      Value("actor", c.actor);
      Value("recorded_at_ms", c.recorded_at_ms);
      Value("trajectory", c.trajectory_id);
      Value("placement", c.placement_id);
    });
  }

  void Participant(const traject::Participant& p) {
    Object("participant", [&] {
      Value("ref", p.ref);
      Value("registered", p.registered);
      Value("birth", p.birth);
      Value("area", p.area);
      Value("cohort", p.cohort);
      std::vector<std::string> groups;
      for (TargetGroup g : p.groups) groups.emplace_back(ToString(g));
      Value("groups", groups);
      Value("klantmanager", p.klantmanager);
      Value("jobhunter", p.jobhunter);
      Value("bsn_verified", p.bsn_verified);
      Value("bsn_hash", p.bsn_hash);
      Value("forgotten", p.forgotten);
      Array("contacts", p.contacts, [&](const CohortContact& c) {
        Value("date", c.date);
        Value("kind", std::string(ToString(c.kind)));
      });
      Array("assignments", p.assignments, [&](const CaseworkerAssignment& a) {
        Value("role", std::string(ToString(a.role)));
        Value("name", a.name);
        Value("from", a.from);
        Value("until", a.until);
        Value("end_reason", a.end_reason);
      });
      Corrections(p.corrections);
    });
  }

  void Trajectory(const traject::Trajectory& t) {
    Value("id", t.id);
    Value("programme", t.programme_id);
    Value("track", t.track_id);
    Value("state", std::string(ToString(t.state)));
    Value("started", t.started);
    Value("state_since", t.state_since);
    Value("exit_reason", t.exit_reason ? std::string(ToString(*t.exit_reason)) : std::string());
    Array("milestones", t.milestones, [&](const MilestoneRecord& m) {
      Value("milestone", m.milestone_id);
      Value("reached", m.reached);
      Value("evidence", m.evidence);
    });
    Array("history", t.history, [&](const StateChange& c) {
      Value("from", std::string(ToString(c.from)));
      Value("to", std::string(ToString(c.to)));
      Value("date", c.date);
      Value("reason", c.reason);
      Value("caused_by_milestone", c.caused_by_milestone);
      Value("caused_by_placement", c.caused_by_placement);
    });
    Corrections(t.corrections);
  }

  void Placement(const traject::Placement& p) {
    Value("id", p.id);
    Value("trajectory", p.trajectory_id);
    Value("employer", p.employer);
    Value("centihours", p.hours_per_week);
    Value("wage_cents", p.gross_monthly_wage);
    Value("start", p.start);
    Value("end", p.end);
    Value("end_reason", p.end_reason);
    Array("assessments", p.assessments, [&](const LoonwaardeAssessment& a) {
      Value("date", a.date);
      Value("percent", a.percent);
    });
  }

  void Event(const traject::Event& e) {
    Value("seq", e.seq);
    Value("stream", e.stream);
    Value("position", e.position);
    Value("kind", std::string(KindOf(e.payload)));
    Value("effective", EffectiveDate(e.payload));
    Value("recorded_at_ms", e.recorded_at_ms);
    Value("actor", e.actor);
    Value("caused_by", e.caused_by.value_or(0));
    Object("payload", [&] { SavePayloadFields(ar_, e.payload); });
  }

 private:
  cereal::JSONOutputArchive& ar_;
};

}  // namespace

std::string ParticipantExportJson(const ParticipantExport& exported) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive ar(out);
    Writer w(ar);
    w.Value("format", std::string("traject-participant-export"));
    w.Value("version", kExportVersion);
    w.Value("organisation", exported.organisation);
    w.Participant(exported.participant);
    w.Array("trajectories", exported.trajectories, [&](const Trajectory& t) { w.Trajectory(t); });
    w.Array("placements", exported.placements, [&](const Placement& p) { w.Placement(p); });
    w.Array("events", exported.events, [&](const Event& e) { w.Event(e); });
  }  // the archive completes the document when destroyed
  out << '\n';
  return out.str();
}

}  // namespace traject
