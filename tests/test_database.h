// The database backend a test runs against. By default every test uses SQLite files. When
// TRAJECT_TEST_POSTGRES_URL names a PostgreSQL server (ctest sets it for the tests labelled
// "postgres", after scripts/pg-test-server.sh started one), TempDir::Database gives each test
// databases of its own on that server instead, so the same tests prove both backends.
#ifndef TRAJECT_TESTS_TEST_DATABASE_H_
#define TRAJECT_TESTS_TEST_DATABASE_H_

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace traject::test {

// The PostgreSQL server's URL (ending in "/<dbname>"), or "" for SQLite.
inline std::string PostgresUrl() {
  const char* url = std::getenv("TRAJECT_TEST_POSTGRES_URL");
  return url ? url : "";
}
inline bool UsePostgres() { return !PostgresUrl().empty(); }

// The URL of database `name` on the test server.
inline std::string PostgresDatabaseUrl(const std::string& name) {
  const std::string base = PostgresUrl();
  return base.substr(0, base.rfind('/') + 1) + name;
}

// A libpq keyword string for database `name` on the test server (tests only: the password is
// the test server's).
inline std::string PostgresConnect(const std::string& name) {
  // postgresql://user:password@host:port/db
  const std::string url = PostgresUrl();
  const auto scheme = url.find("://") + 3;
  const auto at = url.rfind('@');
  const std::string credentials = url.substr(scheme, at - scheme);
  const std::string host_port = url.substr(at + 1, url.rfind('/') - at - 1);
  const auto colon = credentials.find(':');
  const auto port = host_port.rfind(':');
  return "user=" + credentials.substr(0, colon) + " password=" + credentials.substr(colon + 1) +
         " host=" + host_port.substr(0, port) + " port=" + host_port.substr(port + 1) +
         " dbname=" + name;
}

// A SOCI session on a location (a file path, or a URL of the test server), for tests that
// look at or tamper with the database directly.
inline std::unique_ptr<soci::session> OpenSql(const std::string& location) {
  if (location.starts_with("postgresql://")) {
    return std::make_unique<soci::session>(
        *soci::factory_postgresql(), PostgresConnect(location.substr(location.rfind('/') + 1)));
  }
  return std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=" + location);
}

// Creates an empty database on the test server; its name is unique.
inline std::string CreatePostgresDatabase(const std::string& hint) {
  std::random_device random;
  std::string name = "t_" + std::to_string(random()) + "_";
  for (char c : hint) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  soci::session admin(*soci::factory_postgresql(), PostgresConnect("postgres"));
  admin << "CREATE DATABASE " + name;
  return name;
}

inline void DropPostgresDatabase(const std::string& name) {
  try {
    soci::session admin(*soci::factory_postgresql(), PostgresConnect("postgres"));
    admin << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot drop test database " << name << ": " << e.what();
  }
}

// Everything a database holds, as text: every table's rows in a stable order. Two snapshots
// are equal when nothing was written in between (SQLite: the file's bytes, which is stricter).
inline std::string Snapshot(const std::string& location);

}  // namespace traject::test

#endif  // TRAJECT_TESTS_TEST_DATABASE_H_
