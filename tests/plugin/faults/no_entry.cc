// A shared library that is not a traject plugin: it lacks the entry point.
extern "C" __attribute__((visibility("default"))) int something_else() { return 42; }
