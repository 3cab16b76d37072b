import Foundation
import GRDB
import HuellaCore
import HuellaExtract
import HuellaFetch

/// huella's state: one SQLite file (GRDB) with the HTTP cache, robots.txt verdicts and every
/// run's results. Writes are transactions in WAL mode, so a run killed at any moment leaves
/// a file the next run opens without repair.
public final class StateStore: Sendable {
    let database: DatabaseQueue
    public let path: String

    /// Opens (and migrates) the store at `path`, creating folders as needed.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            // A bare file name (`--state state.sqlite`) lives in the current folder: nothing to create.
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            database = try DatabaseQueue(path: path, configuration: configuration)
            // The store holds personal data: owner only.
            chmod(path, 0o600)
            try Self.migrator.migrate(database)
        } catch {
            throw StoreError(path: path, message: "cannot open the state store: \(error)")
        }
    }

    /// The default location: `$XDG_STATE_HOME/huella/state.sqlite`, else `~/.local/state/huella/state.sqlite`.
    public static func defaultPath() -> String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        return (base as NSString).appendingPathComponent("huella/state.sqlite")
    }

    /// Schema migrations, from the first version on. Never edit a registered migration: add one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "page") { t in
                t.primaryKey("url", .text)
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("status", .integer)
                t.column("contentType", .text)
                t.column("finalURL", .text)
                t.column("extraction", .blob).notNull()
                t.column("fetchedAt", .double).notNull()
            }
            try db.create(table: "robots") { t in
                t.primaryKey("origin", .text)
                t.column("body", .text)
                t.column("verdict", .text).notNull()
                t.column("fetchedAt", .double).notNull()
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("inputKey", .text).notNull().indexed()
                t.column("startedAt", .text).notNull()
                t.column("finishedAt", .text)
                t.column("state", .text).notNull()
                t.column("summary", .blob)
            }
            try db.create(table: "assistantResult") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("assistantID", .text).notNull()
                t.column("result", .blob).notNull()
                t.primaryKey(["runID", "assistantID"])
            }
            try db.create(table: "finding") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("assistantID", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("category", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("message", .text).notNull()
                t.primaryKey(["runID", "assistantID", "fingerprint"])
            }
        }
        migrator.registerMigration("v2") { db in
            // A page's claims as their own JSON array, kept as the report encodes them, so a
            // result reuses the bytes (`EncodedClaims`); rows from v1 keep them inside `extraction`.
            try db.alter(table: "page") { t in t.add(column: "claims", .blob) }
        }
        migrator.registerMigration("v3") { db in
            // What the rules concluded on an assistant, under a key of everything they read
            // (`Auditor`): an unchanged assistant's findings are reused instead of evaluated again.
            try db.create(table: "verdict") { t in
                t.primaryKey("assistantID", .text)
                t.column("key", .text).notNull()
                t.column("verdict", .blob).notNull()
            }
        }
        return migrator
    }
}

/// The state store cannot be used.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
