/// How huella fetches: identity, limits and the network it may reach. Immutable, passed down.
public struct FetchOptions: Sendable, Hashable {
    /// The User-Agent: names huella, its version and a contact URL.
    public var userAgent: String
    /// Languages asked for, in order (`es,en;q=0.8`).
    public var acceptLanguage: String
    /// curl's `--connect-to` entries: `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT`, empty fields are wildcards.
    public var connectTo: [String]
    /// A PEM bundle of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// Turns the SSRF guard off: loopback and private addresses may be reached.
    public var allowPrivateNetwork: Bool
    /// Exact numeric addresses the guard lets through while refusing every other non-public
    /// one: a staging proxy, or a test server (narrower than `allowPrivateNetwork`).
    public var allowedAddresses: Set<String> = []
    /// Largest decoded body kept, in bytes; a longer page is truncated and marked so.
    public var maxBodyBytes: Int
    public var maxRedirects: Int
    public var connectTimeoutMilliseconds: Int
    public var totalTimeoutMilliseconds: Int
    /// Below this many bytes a second for `lowSpeedSeconds`, the transfer is cut (slowloris).
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedSeconds: Int
    /// Transfers in flight at once, over all hosts.
    public var maxConcurrentTransfers: Int
    /// Largest total of response headers, in bytes; past it the transfer stops.
    public var maxHeaderBytes: Int
    /// Decoded bytes per byte on the wire above which a capped body is a decompression bomb.
    public var maxCompressionRatio: Int

    public init(
        userAgent: String = FetchOptions.defaultUserAgent(version: "0.0.0"),
        acceptLanguage: String = "es,en;q=0.8",
        connectTo: [String] = [],
        caFile: String? = nil,
        allowPrivateNetwork: Bool = false,
        maxBodyBytes: Int = 2 * 1024 * 1024,
        maxRedirects: Int = 5,
        connectTimeoutMilliseconds: Int = 10_000,
        totalTimeoutMilliseconds: Int = 30_000,
        lowSpeedBytesPerSecond: Int = 100,
        lowSpeedSeconds: Int = 10,
        maxConcurrentTransfers: Int = 32,
        maxHeaderBytes: Int = 64 * 1024,
        maxCompressionRatio: Int = 50
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.userAgent = userAgent
        self.acceptLanguage = acceptLanguage
        self.connectTo = connectTo
        self.caFile = caFile
        self.allowPrivateNetwork = allowPrivateNetwork
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedSeconds = lowSpeedSeconds
        self.maxConcurrentTransfers = maxConcurrentTransfers
    }

    /// `huella/VERSION (+CONTACT)`: the product token robots.txt groups match on.
    public static func defaultUserAgent(
        version: String, contact: String = "https://github.com/huella-audit/huella"
    ) -> String {
        "huella/\(version) (+\(contact))"
    }
}
