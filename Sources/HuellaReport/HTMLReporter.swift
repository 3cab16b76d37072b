import Foundation
import HuellaCore
import HuellaRules

/// A self-contained HTML report for people: one file, inline styles, no scripts and no
/// network (a Content-Security-Policy forbids both). Everything from pages is escaped.
public struct HTMLReporter: Reporter {
    public let context: ReportContext
    public var identifier: String { "html" }

    public init(context: ReportContext) { self.context = context }

    public func streamed(_ assistant: AssistantResult) -> Data? { nil }

    public func finish(_ run: RunResult) -> Data {
        let t = HTMLText(language: context.language)
        var html = """
            <!DOCTYPE html>
            <html lang="\(context.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t.title) — huella \(e(context.tool.version))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(t.title)</h1>
            <p class="meta">huella \(e(context.tool.version)) · \(e(run.startedAt)) → \(e(run.finishedAt)) · \(run.pagesFetched) \(t.pages)</p>
            <p class="lead">\(t.lead)</p></header>

            """
        html += summary(run, t)
        for assistant in run.assistants { html += section(assistant, t) }
        if !run.diagnostics.isEmpty {
            html += "<section><h2>\(t.inputProblems)</h2><ul>"
            for d in run.diagnostics { html += "<li><code>\(e(d.location))</code> \(e(d.message))</li>" }
            html += "</ul></section>\n"
        }
        html += "</body>\n</html>\n"
        return Data(html.utf8)
    }

    private func summary(_ run: RunResult, _ t: HTMLText) -> String {
        var rows = ""
        for a in run.assistants {
            let count = { (s: Severity) in a.findings.filter { $0.severity == s }.count }
            rows += "<tr><td><a href=\"#\(anchor(a.id))\">\(e(a.id))</a></td><td>\(e(a.name ?? "—"))</td>"
            rows += "<td class=\"n error\">\(count(.error))</td><td class=\"n warning\">\(count(.warning))</td><td class=\"n note\">\(count(.note))</td>"
            rows += "<td class=\"n\">\(a.coverage.read)/\(a.coverage.declared)</td></tr>\n"
        }
        return """
            <section><h2>\(t.summary)</h2>
            <table class="summary"><thead><tr><th>id</th><th>\(t.name)</th><th>error</th><th>warning</th><th>note</th><th>\(t.coverage)</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></section>

            """
    }

    private func section(_ a: AssistantResult, _ t: HTMLText) -> String {
        var html = "<section class=\"assistant\" id=\"\(anchor(a.id))\"><h2>\(e(a.id)) · \(e(a.name ?? "—"))</h2>\n"
        html += "<h3>\(t.sources)</h3><table><thead><tr><th>URL</th><th>\(t.role)</th><th>\(t.outcome)</th><th>HTTP</th><th>\(t.detail)</th></tr></thead><tbody>\n"
        for s in a.sources {
            let state = s.outcome.wasRead ? "ok" : (s.outcome.meansUnreachable ? "bad" : "unknown")
            html += "<tr><td class=\"url\">\(e(s.url))</td><td>\(e(s.role.rawValue))</td><td><span class=\"badge \(state)\">\(e(s.outcome.rawValue))</span></td>"
            html += "<td>\(s.status.map(String.init) ?? "—")</td><td>\(e(s.error ?? ""))</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if !a.links.isEmpty {
            html += "<p class=\"links\">"
            html += a.links.map { "\(e(PageKey.of($0.profile))): <b>\(e($0.state.rawValue))</b>" }.joined(separator: " · ")
            html += "</p>\n"
        }
        html += "<h3>\(t.findings)</h3>\n"
        if a.findings.isEmpty { html += "<p class=\"none\">\(t.noFindings)</p>\n" }
        for f in a.findings {
            html += "<div class=\"finding \(f.severity.rawValue)\"><p><span class=\"sev\">\(f.severity.rawValue)</span> "
            html += "<code>\(e(f.category))</code> \(e(f.message))</p><ul class=\"evidence\">"
            for ev in f.evidence {
                html += "<li><span class=\"url\">\(e(ev.url))</span> <q>\(e(ev.excerpt))</q>"
                if !ev.locator.isEmpty { html += " <code class=\"loc\">\(e(ev.locator))</code>" }
                html += "</li>"
            }
            html += "</ul><p class=\"small\">\(t.rule) \(e(f.rule)) · \(t.ethics) \(e(f.ethicsClause)) · \(e(f.baseline.rawValue)) · <code>\(e(f.fingerprint))</code></p></div>\n"
        }
        html += claimTable(a, t)
        html += "</section>\n"
        return html
    }

    /// Claims side by side: one row per kind, one column per source.
    private func claimTable(_ a: AssistantResult, _ t: HTMLText) -> String {
        var columns: [String] = []
        for claim in a.claims where !columns.contains(key(claim)) { columns.append(key(claim)) }
        let kinds = ClaimKind.allCases.filter { kind in a.claims.contains { $0.kind == kind } }
        guard !kinds.isEmpty else { return "" }
        var html = "<h3>\(t.claims)</h3><div class=\"scroll\"><table class=\"claims\"><thead><tr><th></th>"
        for column in columns { html += "<th>\(e(column))</th>" }
        html += "</tr></thead><tbody>\n"
        for kind in kinds {
            html += "<tr><th>\(e(kind.rawValue))</th>"
            for column in columns {
                let values = a.claims.filter { $0.kind == kind && key($0) == column }.map { e($0.value.text) }
                html += "<td>\(values.joined(separator: "<br>"))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    private func key(_ claim: Claim) -> String {
        claim.origin == .selfReport ? "self-report" : PageKey.of(claim.url)
    }

    private func anchor(_ id: String) -> String {
        "va-" + String(id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    /// Escapes text for HTML content and attributes.
    func e(_ text: String) -> String { HTMLEscape.escape(text) }

    static let style = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d2433;background:#fbfbfd}
        h1{margin:0 0 4px;font-size:26px}h2{border-bottom:2px solid #e3e6ef;padding-bottom:4px;margin-top:36px}h3{margin:20px 0 8px;font-size:16px;color:#3a4563}
        .meta{color:#667;margin:0}.lead{background:#eef3ff;border-left:4px solid #4763d6;padding:8px 12px}
        table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}th,td{border:1px solid #e3e6ef;padding:5px 8px;text-align:left;vertical-align:top}
        thead th{background:#f1f3f9}.n{text-align:right;font-variant-numeric:tabular-nums}td.error{color:#b3261e}td.warning{color:#8a5a00}td.note{color:#3a4563}
        .url{word-break:break-all;font-family:ui-monospace,monospace;font-size:12px}.badge{border-radius:10px;padding:1px 8px;font-size:12px}
        .badge.ok{background:#e2f5e9;color:#1b6b3a}.badge.bad{background:#fde7e4;color:#b3261e}.badge.unknown{background:#fff3d6;color:#8a5a00}
        .finding{background:#fff;border:1px solid #e3e6ef;border-left:5px solid #8a94ad;border-radius:4px;padding:6px 12px;margin:8px 0}
        .finding.error{border-left-color:#b3261e}.finding.warning{border-left-color:#d39300}.finding.note{border-left-color:#4763d6}
        .sev{text-transform:uppercase;font-size:11px;font-weight:700;letter-spacing:.05em;margin-right:6px}
        .evidence{margin:4px 0;padding-left:18px;font-size:13px}.evidence q{color:#3a4563}.loc{font-size:11px;color:#889}
        .small{font-size:12px;color:#778;margin:4px 0}.none{color:#1b6b3a}.scroll{overflow-x:auto}.links{font-size:13px;color:#3a4563}
        """
}

/// HTML escaping for text from untrusted pages.
public enum HTMLEscape {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters (other than tab and newline) never reach the page.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// The report's words in English and Spanish.
struct HTMLText {
    let language: MessageLanguage

    private func pick(_ en: String, _ es: String) -> String { language == .es ? es : en }

    var title: String { pick("Online footprint audit", "Auditoría de huella digital") }
    var lead: String {
        pick(
            "Findings are leads for a person to check, never verdicts: each one carries its evidence.",
            "Los hallazgos son pistas para que una persona las compruebe, nunca veredictos: cada uno trae su evidencia.")
    }
    var pages: String { pick("pages fetched", "páginas descargadas") }
    var summary: String { pick("Summary", "Resumen") }
    var name: String { pick("name", "nombre") }
    var coverage: String { pick("sources read", "fuentes leídas") }
    var sources: String { pick("Sources", "Fuentes") }
    var role: String { pick("role", "papel") }
    var outcome: String { pick("outcome", "resultado") }
    var detail: String { pick("detail", "detalle") }
    var findings: String { pick("Findings", "Hallazgos") }
    var noFindings: String { pick("No findings.", "Sin hallazgos.") }
    var claims: String { pick("Claims by source", "Datos por fuente") }
    var rule: String { pick("rule", "regla") }
    var ethics: String { pick("ethics clause", "cláusula ética") }
    var inputProblems: String { pick("Input problems", "Problemas en la entrada") }
}
