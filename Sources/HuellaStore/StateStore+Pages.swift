import Foundation
import GRDB
import HuellaCore
import HuellaExtract
import HuellaFetch

/// A page as the store remembers it: its validators and what it yielded.
public struct CachedPage: Sendable, Hashable {
    public var validators: Validators
    public var status: Int?
    public var contentType: String?
    public var finalURL: String?
    public var extraction: PageExtraction
    /// The extraction's claims as the JSON array `EncodedClaims.encode` writes, when the row has
    /// it (then `extraction.claims` is empty if the page was read with `decodingClaims: false`).
    public var claimsJSON: Data?
}

extension StateStore {
    /// The cached copy of a page, if any. `decodingClaims: false` leaves claims kept apart as
    /// `claimsJSON` only (`extraction.claims` empty) for the caller to decode if it needs them.
    public func page(_ url: String, decodingClaims: Bool = true) -> CachedPage? {
        // The row is read under the database's lock; its claims are decoded after, so that
        // assistants audited at once decode in parallel instead of one after another.
        // One SELECT is atomic on its own: `unsafeRead` runs it without the transaction and the
        // read-only pragmas `read` wraps it in (four statements more, per page, in profiles).
        let found = try? database.unsafeRead { db -> (CachedPage, Data, Data?)? in
            // Cached statements: a run asks these thousands of times, and preparing the SQL each time showed in profiles.
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM page WHERE url = ?"), arguments: [url]) else { return nil }
            let page = CachedPage(
                validators: Validators(etag: row["etag"], lastModified: row["lastModified"]), status: row["status"],
                contentType: row["contentType"], finalURL: row["finalURL"], extraction: PageExtraction(claims: [], profileLinks: [], diagnostics: [], language: nil))
            return (page, row["extraction"], row["claims"])
        }
        guard let (page, data, claimsJSON) = found, var extraction = try? HuellaJSON.decoder().decode(PageExtraction.self, from: data) else { return nil }
        var cached = page
        if let claimsJSON {
            if decodingClaims {
                guard let claims = EncodedClaims.decode(claimsJSON) else { return nil }
                extraction.claims = claims
            }
            cached.claimsJSON = claimsJSON
        }
        cached.extraction = extraction
        return cached
    }

    /// Remembers a page read in full, when its server gave validators to ask with next time.
    /// `claimsJSON`: the extraction's claims as `EncodedClaims.encode` wrote them, kept apart.
    public func savePage(_ url: String, response: FetchResponse, extraction: PageExtraction, claimsJSON: Data? = nil) {
        let etag = response.headers["etag"]
        let lastModified = response.headers["last-modified"]
        var rest = extraction
        if claimsJSON != nil { rest.claims = [] }
        guard etag != nil || lastModified != nil, let data = try? JSONEncoder().encode(rest) else { return }
        try? database.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO page (url, etag, lastModified, status, contentType, finalURL, extraction, claims, fetchedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, lastModified = excluded.lastModified,
                      status = excluded.status, contentType = excluded.contentType, finalURL = excluded.finalURL,
                      extraction = excluded.extraction, claims = excluded.claims, fetchedAt = excluded.fetchedAt
                    """
            ).execute(
                arguments: [
                    url, etag, lastModified, response.status, response.contentType, response.finalURL, data, claimsJSON,
                    Date().timeIntervalSince1970,
                ])
        }
    }

    /// A stored robots.txt body younger than `maxAge` seconds; only bodies (2xx) and "allow all"
    /// (4xx) verdicts are kept, never a transient "disallow all".
    public func robots(_ origin: String, maxAge: Double = 24 * 3600) -> RobotsTxt? {
        try? database.unsafeRead { db -> RobotsTxt? in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM robots WHERE origin = ?"), arguments: [origin]) else { return nil }
            let fetched: Double = row["fetchedAt"]
            guard Date().timeIntervalSince1970 - fetched < maxAge else { return nil }
            let verdict: String = row["verdict"]
            if verdict == "allow-all" { return .allowAll }
            let body: String? = row["body"]
            return body.map { RobotsTxt(parsing: $0, userAgent: "huella") }
        }
    }

    public func saveRobots(_ origin: String, body: String?, allowAll: Bool) {
        try? database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO robots (origin, body, verdict, fetchedAt) VALUES (?, ?, ?, ?)",
                arguments: [origin, body, allowAll ? "allow-all" : "rules", Date().timeIntervalSince1970])
        }
    }
}

extension StateStore {
    /// What the rules concluded on an assistant last time, if it was concluded under `key`.
    public func verdict(assistantID: String, key: String) -> Data? {
        try? database.unsafeRead { db -> Data? in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT key, verdict FROM verdict WHERE assistantID = ?"), arguments: [assistantID]),
                row["key"] as String == key
            else { return nil }
            return row["verdict"]
        }
    }

    /// Keeps an assistant's latest verdict (one per assistant id: a new key replaces the old).
    public func saveVerdict(assistantID: String, key: String, verdict: Data) {
        try? database.write { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO verdict (assistantID, key, verdict) VALUES (?, ?, ?)")
                .execute(arguments: [assistantID, key, verdict])
        }
    }
}
