// Must not compile when BAD is defined: organisation.created is written by the store only, so it
// is not a Command and Store::Record does not take it. Without BAD it compiles.
#include <traject/store.h>

void Use(traject::Store& store) {
#ifdef BAD
  traject::OrganisationCreated created;
  (void)store.Record(created);
#else
  traject::ParticipantRegistered registered;
  (void)store.Record(registered);
#endif
}
