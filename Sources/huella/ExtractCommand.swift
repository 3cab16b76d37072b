import ArgumentParser
import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaKit

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the claims one page yields (for people writing rules).")

    @Argument(help: ArgumentHelp("An http(s) URL, or a saved HTML file.", valueName: "URL|FILE"))
    var target: String

    @Option(help: "Treat the page as the VA's website or as a profile.")
    var role: SourceRole = .website

    @Option(help: "Output: json or table.")
    var format: ExtractFormat = .table

    @OptionGroup var network: NetworkOptions

    enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
        case json
        case table
    }

    func run() async throws {
        let body: Data
        let contentType: String?
        let url: String
        if FileManager.default.fileExists(atPath: target) {
            guard let data = FileManager.default.contents(atPath: target) else {
                throw ValidationError("cannot read '\(target)'")
            }
            body = data
            contentType = nil
            url = URL(fileURLWithPath: target).absoluteString
        } else {
            if let problem = URLCheck.problem(with: target) { throw ValidationError(problem) }
            let fetcher = try network.fetcher(network.resolved(with: nil))
            let response = await fetcher.fetch(target)
            guard response.outcome == .ok else {
                FileHandle.standardError.write(
                    Data("huella: error: could not fetch '\(target)': \(response.error ?? response.outcome.rawValue)\n".utf8))
                throw ExitCode(ExitStatus.runFailed)
            }
            body = response.body
            contentType = response.contentType
            url = response.finalURL
        }
        let (vocabulary, problem) = HuellaResources.skillVocabulary()
        if let problem { Diagnostics().warning(problem) }
        let hosts = (try? HuellaResources.profileHosts()) ?? .empty
        let extraction = PageExtractor(vocabulary: vocabulary, hosts: hosts).extract(
            body: body, contentType: contentType, url: url, origin: role == .website ? .website : .profile)
        extraction.diagnostics.forEach { Diagnostics().report($0) }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try HuellaJSON.encoder(pretty: true).encode(extraction.claims))
            print()
        case .table:
            for claim in extraction.claims {
                let excerpt = claim.excerpt.count > 70 ? String(claim.excerpt.prefix(69)) + "…" : claim.excerpt
                print(
                    claim.kind.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0),
                    claim.value.text.padding(toLength: 32, withPad: " ", startingAt: 0),
                    excerpt, "  @", claim.locator)
            }
            print("\(extraction.claims.count) claims")
        }
    }
}

extension SourceRole: ExpressibleByArgument {}
