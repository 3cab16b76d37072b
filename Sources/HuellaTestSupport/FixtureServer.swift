import Foundation

/// The loopback fixture server (`Fixtures/server/fixture_server.py`), started by a test and
/// stopped when the value goes away. Virtual hosts by Host header, HTTP and HTTPS on ports
/// the OS picks, a throw-away CA, and a log of every request it received.
public final class FixtureServer: Sendable {
    public let httpPort: Int
    public let httpsPort: Int
    /// The PEM file of the CA that signed the server's certificate.
    public let caFile: String
    public let hosts: [String]
    private let server: ServerProcess

    /// Starts a server over one or more folders of `<host>/` sites.
    public init(roots: [String]) throws {
        server = try ServerProcess(script: FixturePaths.serverScript, arguments: roots.flatMap { ["--root", $0] })
        struct Card: Decodable {
            var http: Int
            var https: Int
            var cafile: String
            var hosts: [String]
        }
        guard let card = try? JSONDecoder().decode(Card.self, from: server.card) else {
            throw FixtureServerError(message: "fixture server card: \(String(decoding: server.card, as: UTF8.self))")
        }
        httpPort = card.http
        httpsPort = card.https
        caFile = card.cafile
        hosts = card.hosts
    }

    /// curl `--connect-to` entries that send every host's port 80 and 443 to this server.
    public var connectTo: [String] {
        [":80:127.0.0.1:\(httpPort)", ":443:127.0.0.1:\(httpsPort)"]
    }

    /// The requests received so far, in order.
    public func requests() -> [LoggedRequest] { server.requests() }

    public func stop() { server.stop() }
}

/// One request as the fixture server logged it.
public struct LoggedRequest: Decodable, Sendable, Hashable {
    public var host: String
    public var path: String
    public var method: String
    public var scheme: String
    public var headers: [String: String]
    /// When the server received it (seconds since 1970).
    public var time: Double
}

public struct FixtureServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
