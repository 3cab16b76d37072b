import ArgumentParser
import HuellaFetch
import HuellaKit

/// The network flags shared by every command that fetches, with curl's meaning.
struct NetworkOptions: ParsableArguments {
    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to HOST2:PORT2 instead of HOST:PORT, as curl does (empty fields are wildcards).",
            valueName: "HOST:PORT:HOST2:PORT2"))
    var connectTo: [String] = []

    @Option(name: .customLong("cacert"), help: ArgumentHelp("Trust the CA certificates in this PEM file.", valueName: "FILE"))
    var caCert: String?

    @Flag(
        name: .customLong("allow-private-network"),
        help: "Allow connections to loopback and private addresses (turns the SSRF guard off).")
    var allowPrivateNetwork = false

    @Option(help: ArgumentHelp("Seconds a whole page may take.", valueName: "SECONDS"))
    var timeout: Int = 30

    @Option(name: .customLong("delay"), help: ArgumentHelp("Seconds between two requests to one host (Crawl-delay may raise it).", valueName: "SECONDS"))
    var delay: Double = 1.0

    @Option(name: .customLong("per-host"), help: ArgumentHelp("Requests to one host at once.", valueName: "N"))
    var perHost: Int = 2

    @Option(help: ArgumentHelp("Retries after 429/503 (honouring Retry-After) and transient failures.", valueName: "N"))
    var retries: Int = 2

    @Option(name: .customLong("max-page-bytes"), help: ArgumentHelp("Largest page kept; longer pages are truncated and marked.", valueName: "BYTES"))
    var maxPageBytes: Int = 2 * 1024 * 1024

    @Option(name: .customLong("max-redirects"), help: ArgumentHelp("Redirects followed per page.", valueName: "N"))
    var maxRedirects: Int = 5

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to establish a connection.", valueName: "SECONDS"))
    var connectTimeout: Int = 10

    @Option(name: .customLong("user-agent-contact"), help: ArgumentHelp("Contact URL sent in the User-Agent.", valueName: "URL"))
    var contact: String = "https://github.com/huella-audit/huella"

    func validate() throws {
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw ValidationError("--connect-to '\(entry)' must have the form HOST:PORT:HOST2:PORT2")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard connectTimeout > 0 else { throw ValidationError("--connect-timeout must be positive") }
        guard delay >= 0, delay <= 3600 else { throw ValidationError("--delay must be between 0 and 3600 seconds") }
        guard perHost > 0 else { throw ValidationError("--per-host must be positive") }
        guard retries >= 0, retries <= 10 else { throw ValidationError("--retries must be between 0 and 10") }
        guard maxPageBytes >= 1024 else { throw ValidationError("--max-page-bytes must be at least 1024") }
        guard (0...20).contains(maxRedirects) else { throw ValidationError("--max-redirects must be between 0 and 20") }
    }

    func fetchOptions() -> FetchOptions {
        FetchOptions(
            userAgent: FetchOptions.defaultUserAgent(version: HuellaVersion.current, contact: contact),
            connectTo: connectTo, caFile: caCert, allowPrivateNetwork: allowPrivateNetwork, maxBodyBytes: maxPageBytes,
            maxRedirects: maxRedirects, connectTimeoutMilliseconds: connectTimeout * 1000,
            totalTimeoutMilliseconds: timeout * 1000)
    }

    var politeness: Politeness {
        Politeness(connectionsPerHost: perHost, delayPerHost: delay, maxRetries: retries)
    }

    /// The fetcher every command uses: libcurl, with robots.txt and per-host politeness on top.
    func fetcher() throws(FetchSetupError) -> PoliteFetcher {
        PoliteFetcher(inner: try CurlFetcher(options: fetchOptions()), politeness: politeness)
    }
}
