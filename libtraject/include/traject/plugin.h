// The banenplan plugin SDK: everything a plugin needs, and nothing else.
//
// A plugin is a shared library that exports one C function, `traject_plugin_info`, returning
// a pointer to a static TrajectPluginInfo. The host checks it in this order, and refuses the
// library at the first mismatch without reading further:
//   1. `api_version` (always the first field) must equal the host's
//      TRAJECT_PLUGIN_API_VERSION; nothing else in the struct is read before.
//   2. `build_key` (a plain C string, right after it) must equal the host's own build key,
//      TRAJECT_PLUGIN_BUILD_KEY: the same compiler family, C++ standard library and library
//      ABI, and a compatible traject SDK version. Only then does any standard-library type
//      (std::string, std::vector...) cross the boundary: a library built with another
//      standard library or ABI would pass objects the host reads with another layout.
//   3. `name` and `version` must be printable C strings of 1..200 characters, `create` and
//      `destroy` not null.
// Only then does it call `create` to get a BanenplanPlugin, and it hands the object back to
// the same library's `destroy`; the host keeps the library loaded while the object lives.
// Then it calls Programme() once; a programme that fails ValidateProgramme (catalogue.h) is
// refused too. The exact errors: LoadedPlugin::Open and Load in plugin_host.h.
//
// Use TRAJECT_DEFINE_PLUGIN(Class, "name", "version") in exactly one source file of the plugin,
// and build it with traject_add_plugin() from the CMake package.
//
// Contract for plugin code:
//   - Callbacks must not throw. The host catches anything thrown and reports it as a plugin
//     error naming the plugin and the callback: from create() or Programme() the plugin is not
//     loaded (a plugin directory skips the file with a warning); from a rule, the command is
//     refused and nothing is written.
//   - Callbacks are const and may be called from several threads at once: keep no mutable state.
//   - Do no work in static initialisers; the host may load a library only to read its info.
//   - Return plain values; never hand out pointers into the plugin's own storage.
//
// Versioning: TRAJECT_PLUGIN_API_VERSION goes up whenever TrajectPluginInfo, BanenplanPlugin or
// any type it passes (programme.h, PlacementFacts...) changes layout. API 2 added `build_key`;
// API 3 added MilestoneDefinition::outcome (credentials and skill gains for the outcome reports).
#ifndef TRAJECT_PLUGIN_H_
#define TRAJECT_PLUGIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <version>  // the standard library's identification macros, for the build key

#include "traject/date.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/programme.h"
#include "traject/trajectory.h"
#include "traject/version.h"

#define TRAJECT_PLUGIN_API_VERSION 3u
#define TRAJECT_PLUGIN_ENTRY_SYMBOL "traject_plugin_info"

// The build key: what must be equal between a plugin and the host for C++ objects to cross
// the boundary, as "<compiler family>; <standard library and its ABI>; traject-sdk <version>",
// e.g. "gcc; libstdc++ cxx11-abi=1; traject-sdk 0.1". Computed by the preprocessor wherever
// this header is compiled: in a plugin (TRAJECT_DEFINE_PLUGIN stores it in the info) and in
// libtraject (the key the host requires, HostBuildKey() in plugin_host.h).
//   - compiler family: "gcc", "clang", "msvc" (clang is told apart from gcc, which it mimics);
//   - standard library: "libstdc++ cxx11-abi=0|1" (_GLIBCXX_USE_CXX11_ABI), plus " debug-mode"
//     under _GLIBCXX_DEBUG, which changes container layouts; "libc++ abi=N"
//     (_LIBCPP_ABI_VERSION); "msvc-stl";
//   - SDK: "major.minor" while the major version is 0 (a 0.x minor may break plugins), only
//     the major from 1.0 on (traject/version.h).
#define TRAJECT_PLUGIN_STRINGIFY_(x) #x
#define TRAJECT_PLUGIN_STRINGIFY(x) TRAJECT_PLUGIN_STRINGIFY_(x)

#if defined(__clang__)
#define TRAJECT_PLUGIN_BUILD_COMPILER "clang"
#elif defined(__GNUC__)
#define TRAJECT_PLUGIN_BUILD_COMPILER "gcc"
#elif defined(_MSC_VER)
#define TRAJECT_PLUGIN_BUILD_COMPILER "msvc"
#else
#define TRAJECT_PLUGIN_BUILD_COMPILER "unknown-compiler"
#endif

#if defined(_LIBCPP_VERSION)
#define TRAJECT_PLUGIN_BUILD_STDLIB "libc++ abi=" TRAJECT_PLUGIN_STRINGIFY(_LIBCPP_ABI_VERSION)
#elif defined(__GLIBCXX__)
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define TRAJECT_PLUGIN_BUILD_LIBSTDCXX "libstdc++ cxx11-abi=1"
#else
#define TRAJECT_PLUGIN_BUILD_LIBSTDCXX "libstdc++ cxx11-abi=0"
#endif
#if defined(_GLIBCXX_DEBUG)
#define TRAJECT_PLUGIN_BUILD_STDLIB TRAJECT_PLUGIN_BUILD_LIBSTDCXX " debug-mode"
#else
#define TRAJECT_PLUGIN_BUILD_STDLIB TRAJECT_PLUGIN_BUILD_LIBSTDCXX
#endif
#elif defined(_MSVC_STL_VERSION)
#define TRAJECT_PLUGIN_BUILD_STDLIB "msvc-stl"
#else
#define TRAJECT_PLUGIN_BUILD_STDLIB "unknown-stdlib"
#endif

#if TRAJECT_VERSION_MAJOR == 0
#define TRAJECT_PLUGIN_BUILD_SDK                  \
  TRAJECT_PLUGIN_STRINGIFY(TRAJECT_VERSION_MAJOR) \
  "." TRAJECT_PLUGIN_STRINGIFY(TRAJECT_VERSION_MINOR)
#else
#define TRAJECT_PLUGIN_BUILD_SDK TRAJECT_PLUGIN_STRINGIFY(TRAJECT_VERSION_MAJOR)
#endif

#define TRAJECT_PLUGIN_BUILD_KEY                                 \
  TRAJECT_PLUGIN_BUILD_COMPILER "; " TRAJECT_PLUGIN_BUILD_STDLIB \
                                "; traject-sdk " TRAJECT_PLUGIN_BUILD_SDK

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
// The entry point's result. Layout rule: `api_version` stays the first field forever, and the
// host reads nothing else unless it equals its own; then it reads `build_key`, and nothing
// else unless that equals its own too.
struct TrajectPluginInfo {
  std::uint32_t api_version;  // TRAJECT_PLUGIN_API_VERSION the plugin was built against
  const char* build_key;      // TRAJECT_PLUGIN_BUILD_KEY the plugin was compiled with; at most
                              // 200 printable characters
  const char* name;           // plugin name, [a-z0-9-]+
  const char* version;        // the plugin's own version, free form ("1.2.0")
  traject::BanenplanPlugin* (*create)();              // a new object; never null
  void (*destroy)(traject::BanenplanPlugin* plugin);  // deletes an object from create()
};
}

// Defines the entry point for plugin class `Class` (default-constructible), with the API
// version and build key of the SDK headers it is compiled against.
#define TRAJECT_DEFINE_PLUGIN(Class, plugin_name, plugin_version)        \
  TRAJECT_PLUGIN_EXPORT const TrajectPluginInfo* traject_plugin_info() { \
    static const TrajectPluginInfo info = {                              \
        TRAJECT_PLUGIN_API_VERSION,                                      \
        TRAJECT_PLUGIN_BUILD_KEY,                                        \
        plugin_name,                                                     \
        plugin_version,                                                  \
        []() -> ::traject::BanenplanPlugin* { return new Class(); },     \
        [](::traject::BanenplanPlugin* plugin) { delete plugin; }};      \
    return &info;                                                        \
  }

#endif  // TRAJECT_PLUGIN_H_
