// Symbol export for libtraject. Everything is hidden by default; public API carries
// TRAJECT_EXPORT. Plugins are built with hidden visibility too and export only their entry
// point through TRAJECT_PLUGIN_EXPORT (see plugin.h).
#ifndef TRAJECT_EXPORT_H_
#define TRAJECT_EXPORT_H_

#if defined(TRAJECT_BUILDING_LIBRARY)
#define TRAJECT_EXPORT __attribute__((visibility("default")))
#else
#define TRAJECT_EXPORT __attribute__((visibility("default")))
#endif

#define TRAJECT_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

#endif  // TRAJECT_EXPORT_H_
