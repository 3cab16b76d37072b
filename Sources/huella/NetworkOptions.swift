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

    @Option(name: .customLong("user-agent-contact"), help: ArgumentHelp("Contact URL sent in the User-Agent.", valueName: "URL"))
    var contact: String = "https://github.com/huella-audit/huella"

    func validate() throws {
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw ValidationError("--connect-to '\(entry)' must have the form HOST:PORT:HOST2:PORT2")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func fetchOptions() -> FetchOptions {
        FetchOptions(
            userAgent: FetchOptions.defaultUserAgent(version: HuellaVersion.current, contact: contact),
            connectTo: connectTo, caFile: caCert, allowPrivateNetwork: allowPrivateNetwork,
            totalTimeoutMilliseconds: timeout * 1000)
    }
}
