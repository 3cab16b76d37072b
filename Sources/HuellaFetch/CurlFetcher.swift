import Foundation
import HuellaCore

/// The production `Fetcher`: libcurl's multi interface on a thread of its own, so that
/// no cooperative-pool thread ever blocks in curl.
public final class CurlFetcher: Fetcher {
    private let loop: CurlMultiLoop
    private let options: FetchOptions

    /// Starts the transfer thread. Throws when libcurl cannot be initialised.
    public init(options: FetchOptions) throws(FetchSetupError) {
        guard let loop = CurlMultiLoop(maxActive: options.maxConcurrentTransfers) else {
            throw FetchSetupError(option: "curl_multi_init", code: "libcurl could not be initialised")
        }
        self.loop = loop
        self.options = options
        let thread = Thread { loop.run() }
        thread.name = "huella-curl"
        thread.start()
    }

    deinit {
        loop.shutdown()
    }

    public func fetch(_ url: String, validators: Validators?) async -> FetchResponse {
        if let problem = URLCheck.problem(with: url) {
            return .failed(url, .unsupportedScheme, problem)
        }
        let token = CancellationToken()
        let loop = self.loop
        let options = self.options
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                loop.submit(
                    CurlTransfer(
                        url: url, options: options, validators: validators, cancellation: token, continuation: continuation))
            }
        } onCancel: {
            token.cancel()
            loop.wake()
        }
    }
}
