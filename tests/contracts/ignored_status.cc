// Must not compile with -Werror=unused-result when BAD is defined: a Status or Result that is
// ignored is a compile error for a caller who asks for it (both are [[nodiscard]]). Without BAD
// it compiles: the failure is for that reason alone.
#include <traject/store.h>

void Use(traject::Store& store) {
  traject::ParticipantRegistered command;
#ifdef BAD
  store.Record(command);
#else
  (void)store.Record(command);
#endif
}
