import Foundation
import GRDB
import HuellaCore

/// A run as `huella history` lists it.
public struct RunRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var inputKey: String
    public var startedAt: String
    public var finishedAt: String?
    /// `running` (or killed before it finished), `complete`, or `partial` (stopped by --max-duration).
    public var state: String
    public var assistants: Int
    public var findings: Int
}

/// A finding as a run stored it, for baselines and diffs.
public struct StoredFinding: Sendable, Hashable, Codable {
    public var assistantID: String
    public var fingerprint: String
    public var rule: String
    public var category: String
    public var severity: String
    public var message: String
}

extension StateStore {
    /// Records the start of a run over an input (the same roster gives the same key).
    public func beginRun(inputKey: String, startedAt: String) throws(StoreError) -> Int64 {
        do {
            return try database.write { db in
                try db.execute(
                    sql: "INSERT INTO run (inputKey, startedAt, state) VALUES (?, ?, 'running')", arguments: [inputKey, startedAt])
                return db.lastInsertedRowID
            }
        } catch {
            throw StoreError(path: path, message: "cannot record the run: \(error)")
        }
    }

    /// Saves one assistant's result as soon as it is done, so a killed run loses nothing already
    /// finished. `json`: the result's `compactJSON()`, when the caller encoded it already.
    public func saveAssistant(runID: Int64, _ result: AssistantResult, json: Data? = nil) {
        guard let data = json ?? (try? result.compactJSON()) else { return }
        try? database.write { db in
            // Cached statements: prepared once per connection, not once per assistant and finding.
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO assistantResult (runID, assistantID, result) VALUES (?, ?, ?)")
                .execute(arguments: [runID, result.id, data])
            try db.cachedStatement(sql: "DELETE FROM finding WHERE runID = ? AND assistantID = ?").execute(arguments: [runID, result.id])
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO finding (runID, assistantID, fingerprint, rule, category, severity, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for finding in result.findings {
                try insert.execute(
                    arguments: [
                        runID, result.id, finding.fingerprint, finding.rule, finding.category, finding.severity.rawValue,
                        finding.message,
                    ])
            }
        }
    }

    /// Marks a run finished.
    public func finishRun(_ runID: Int64, state: String, finishedAt: String) {
        try? database.write { db in
            try db.execute(sql: "UPDATE run SET state = ?, finishedAt = ? WHERE id = ?", arguments: [state, finishedAt, runID])
        }
    }

    /// The last finished run over the same input before `runID`: the baseline.
    public func previousRun(inputKey: String, before runID: Int64) -> Int64? {
        try? database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM run WHERE inputKey = ? AND id < ? AND state IN ('complete', 'partial') ORDER BY id DESC LIMIT 1",
                arguments: [inputKey, runID])
        }
    }

    public func run(_ id: Int64) -> RunRecord? {
        runs(limit: Int.max).first { $0.id == id }
    }

    /// Runs, newest first.
    public func runs(limit: Int = 50) -> [RunRecord] {
        (try? database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run.*, (SELECT COUNT(*) FROM assistantResult a WHERE a.runID = run.id) AS assistants,
                           (SELECT COUNT(*) FROM finding f WHERE f.runID = run.id) AS findings
                    FROM run ORDER BY id DESC LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                RunRecord(
                    id: row["id"], inputKey: row["inputKey"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
                    state: row["state"], assistants: row["assistants"], findings: row["findings"])
            }
        }) ?? []
    }

    /// The findings a run stored, optionally for the assistants given.
    public func findings(runID: Int64) -> [StoredFinding] {
        (try? database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE runID = ? ORDER BY assistantID, fingerprint", arguments: [runID]).map { row in
                StoredFinding(
                    assistantID: row["assistantID"], fingerprint: row["fingerprint"], rule: row["rule"], category: row["category"],
                    severity: row["severity"], message: row["message"])
            }
        }) ?? []
    }

    /// The ids of the assistants a run finished.
    public func assistantIDs(runID: Int64) -> Set<String> {
        Set((try? database.read { db in try String.fetchAll(db, sql: "SELECT assistantID FROM assistantResult WHERE runID = ?", arguments: [runID]) }) ?? [])
    }

    /// Deletes all but the newest `keep` runs (their results and findings go with them, and the
    /// verdicts of assistants none of the kept runs audited).
    @discardableResult
    public func prune(keep: Int) -> Int {
        (try? database.write { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "DELETE FROM run WHERE id NOT IN (SELECT id FROM run ORDER BY id DESC LIMIT ?)", arguments: [max(0, keep)])
            let pruned = db.changesCount
            // Verdicts on assistants no kept run audited go too (they hold findings: personal data).
            try db.execute(sql: "DELETE FROM verdict WHERE assistantID NOT IN (SELECT assistantID FROM assistantResult)")
            return pruned
        }) ?? 0
    }
}
