import Foundation

/// The host, path and query of a URL, as `URLComponents(string:)` gives them (`host`, `path`
/// and `query`, decoded), and the URL without its fragment.
///
/// Most URLs a page links to are plain: `http://` or `https://`, a host name of letters,
/// digits, dots and hyphens, and a path, query and fragment of characters a URL may hold as
/// they are, with no `%` escapes. Those are read straight from their bytes (parsing them
/// with `URLComponents` and reading back its parts cost thousands of instructions a link);
/// any other URL goes through `URLComponents`, so the answers are the same for every URL.
public struct URLParts: Equatable, Sendable {
    public var host: String?
    public var path: String
    public var query: String?
    /// The URL with no fragment, as `URLComponents` writes it back with `fragment = nil`.
    public var withoutFragment: String?

    public init?(_ url: String) {
        var url = url
        if let plain = url.withUTF8({ Self.plain($0) }) {
            self = plain
        } else {
            self.init(components: url)
        }
    }

    /// The parts as `URLComponents` reads them: the reference the plain reading must agree with.
    public init?(components url: String) {
        guard var components = URLComponents(string: url) else { return nil }
        host = components.host
        path = components.path
        query = components.query
        components.fragment = nil
        withoutFragment = components.string
    }

    private init(host: String?, path: String, query: String?, withoutFragment: String?) {
        self.host = host
        self.path = path
        self.query = query
        self.withoutFragment = withoutFragment
    }

    /// The host and the path alone (`URLParts(url)`'s), without the other parts' strings:
    /// for the callers that ask only these of many URLs.
    public static func hostAndPath(_ url: String) -> (host: String?, path: String)? {
        var url = url
        let plain: (host: String, path: String)? = url.withUTF8 { bytes in
            guard let found = plainRanges(bytes) else { return nil }
            return (string(bytes, found.host), string(bytes, found.path))
        }
        if let plain { return (plain.host, plain.path) }
        return URLParts(components: url).map { ($0.host, $0.path) }
    }

    /// The parts of a plain URL, or nil when the URL is not plain.
    private static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> URLParts? {
        guard let found = plainRanges(bytes) else { return nil }
        return URLParts(
            host: string(bytes, found.host), path: string(bytes, found.path), query: found.query.map { string(bytes, $0) },
            withoutFragment: string(bytes, 0..<found.end))
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Where a plain URL's host, path and query (without its "?") lie, and where the URL
    /// without its fragment ends; nil when the URL is not plain.
    private static func plainRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> (host: Range<Int>, path: Range<Int>, query: Range<Int>?, end: Int)? {
        let start: Int
        if hasPrefix(bytes, "https://") {
            start = 8
        } else if hasPrefix(bytes, "http://") {
            start = 7
        } else {
            return nil
        }
        var i = start
        while i < bytes.count, isHostByte(bytes[i]) { i += 1 }
        let hostEnd = i
        guard hostEnd > start, hostEnd == bytes.count || bytes[hostEnd] == 0x2F || bytes[hostEnd] == 0x3F || bytes[hostEnd] == 0x23
        else { return nil }
        while i < bytes.count, bytes[i] != 0x3F, bytes[i] != 0x23 {
            guard isPathByte(bytes[i]) else { return nil }
            i += 1
        }
        let pathEnd = i
        var queryEnd = i
        if i < bytes.count, bytes[i] == 0x3F {
            i += 1
            while i < bytes.count, bytes[i] != 0x23 {
                guard isPathByte(bytes[i]) || bytes[i] == 0x3F else { return nil }
                i += 1
            }
            queryEnd = i
        }
        if i < bytes.count {  // the fragment, after "#": checked, not kept
            i += 1
            while i < bytes.count {
                guard isPathByte(bytes[i]) || bytes[i] == 0x3F else { return nil }
                i += 1
            }
        }
        return (start..<hostEnd, hostEnd..<pathEnd, queryEnd > pathEnd ? pathEnd + 1..<queryEnd : nil, queryEnd)
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        for i in 0..<n where bytes[i] != prefix.utf8Start[i] { return false }
        return true
    }

    /// Letters, digits, "." and "-".
    private static func isHostByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D
    }

    /// The characters a path may hold as they are (RFC 3986 `pchar` and "/"), without "%".
    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default: return false
        }
    }
}
