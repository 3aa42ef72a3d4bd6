// The banenplan plugin SDK: everything a plugin needs, and nothing else.
//
// A plugin is a shared library that exports one C function, `traject_plugin_info`, returning
// a pointer to a static TrajectPluginInfo. The host reads `api_version` (always the first
// field) before it touches anything else and refuses a library built for another version.
// Only then does it call `create` to get a BanenplanPlugin, and it hands the object back to
// the same library's `destroy`; the host keeps the library loaded while the object lives.
//
// Use TRAJECT_DEFINE_PLUGIN(Class, "name", "version") in exactly one source file of the plugin,
// and build it with traject_add_plugin() from the CMake package.
//
// Contract for plugin code:
//   - Callbacks must not throw. The host catches anything thrown, reports it as a plugin error
//     naming the plugin and the callback, and refuses the command; nothing is written.
//   - Callbacks are const and may be called from several threads at once: keep no mutable state.
//   - Do no work in static initialisers; the host may load a library only to read its info.
//   - Return plain values; never hand out pointers into the plugin's own storage.
//
// Versioning: TRAJECT_PLUGIN_API_VERSION goes up whenever TrajectPluginInfo, BanenplanPlugin or
// any type it passes (programme.h, PlacementFacts...) changes layout.
#ifndef TRAJECT_PLUGIN_H_
#define TRAJECT_PLUGIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/programme.h"
#include "traject/trajectory.h"

#define TRAJECT_PLUGIN_API_VERSION 1u
#define TRAJECT_PLUGIN_ENTRY_SYMBOL "traject_plugin_info"

namespace traject {

// What a plugin's rules decide on: one placement in its trajectory, seen on date `on`.
struct PlacementFacts {
  std::string programme_id;
  std::string track_id;
  Date trajectory_started;
  std::vector<MilestoneRecord> milestones;  // reached so far, in order
  Placement placement;                      // with its loonwaarde assessments
  std::optional<Date> birth;                // participant's birth date, when known
  std::vector<TargetGroup> groups;          // GroupsOn(participant, on)
  Date on;
};

// A yes/no with the reason a coordinator can show to an employer or participant.
struct Decision {
  bool eligible = true;
  std::string reason;  // required when !eligible
};

// Persisted by name ("employer", "participant").
enum class Payee { kEmployer, kParticipant };
TRAJECT_EXPORT std::string_view ToString(Payee payee);

// A premium a plugin grants, e.g. an employer premium after six months of werkbehoud.
struct PremiumAward {
  std::string premium_id;  // [a-z0-9-]+, stable
  std::string name;
  Payee payee = Payee::kEmployer;
  Cents amount = 0;    // > 0
  Date due;            // date from which it is payable
  std::string reason;  // what earned it, in words
};

// One banenplan. Abstract; a plugin derives from it. All methods are const and must not throw.
class TRAJECT_EXPORT BanenplanPlugin {
 public:
  virtual ~BanenplanPlugin();

  // The programme with its tracks and milestones. Called once, at load.
  virtual ProgrammeDefinition Programme() const = 0;

  // Whether the placement qualifies for loonkostensubsidie under this banenplan on facts.on.
  // Plugins can only tighten: the host already applies the statutory rules. Default: eligible.
  virtual Decision LksEligibility(const PlacementFacts& facts) const;

  // Whether a participant premium ("uitstroompremie", "bijverdienpremie") may be paid on
  // facts.on. Plugins can only tighten. Default: eligible.
  virtual Decision ParticipantPremiumEligibility(std::string_view premium_id,
                                                 const PlacementFacts& facts) const;

  // Premiums this banenplan adds for the placement, earned up to and including facts.on.
  // Default: none.
  virtual std::vector<PremiumAward> Premiums(const PlacementFacts& facts) const;
};

}  // namespace traject

extern "C" {
// The entry point's result. Layout rule: `api_version` stays the first field forever.
struct TrajectPluginInfo {
  std::uint32_t api_version;              // TRAJECT_PLUGIN_API_VERSION the plugin was built against
  const char* name;                       // plugin name, [a-z0-9-]+
  const char* version;                    // the plugin's own version, free form ("1.2.0")
  traject::BanenplanPlugin* (*create)();  // a new object; never null
  void (*destroy)(traject::BanenplanPlugin* plugin);  // deletes an object from create()
};
}

// Defines the entry point for plugin class `Class` (default-constructible).
#define TRAJECT_DEFINE_PLUGIN(Class, plugin_name, plugin_version)        \
  TRAJECT_PLUGIN_EXPORT const TrajectPluginInfo* traject_plugin_info() { \
    static const TrajectPluginInfo info = {                              \
        TRAJECT_PLUGIN_API_VERSION, plugin_name, plugin_version,         \
        []() -> ::traject::BanenplanPlugin* { return new Class(); },     \
        [](::traject::BanenplanPlugin* plugin) { delete plugin; }};      \
    return &info;                                                        \
  }

#endif  // TRAJECT_PLUGIN_H_
