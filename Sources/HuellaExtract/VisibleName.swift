internal import CLibXML2
import Foundation
import HuellaCore

/// A person's name where a page shows it without markup: the author meta tag, the main
/// heading, or the first part of the title ("Megan Holloway | Virtual Assistant").
/// Used only when no structured name (JSON-LD, microdata, h-card) exists.
struct VisibleName {
    let origin: ClaimOrigin

    /// Words that make a phrase a business or a job, not a person's name.
    private static let generic: Set<String> = [
        "asistente", "asistentes", "assistant", "assistants", "virtual", "support", "soporte", "asistencia", "services",
        "servicios", "solutions", "soluciones", "studio", "consulting", "agency", "office", "admin", "executive",
        "secretaria", "secretary", "remote", "remota", "remoto", "home", "inicio", "about", "sobre", "welcome",
        "bienvenida", "bienvenido", "hola", "hello", "contact", "contacto", "blog", "shop", "tienda", "the", "mi", "my",
        "your", "tu", "ltd", "llc", "inc", "limited", "profile", "perfil", "linkedin", "upwork", "github", "about.me",
        "freelancer", "freelance", "bookkeeping", "marketing", "digital", "en", "in", "at", "for", "para", "and",
        // A greeting or a self-introduction ("Hi, I'm Jordan.", "I am Jordan"), not the name
        // itself. (Not "i": "María I. Gómez" has an initial.)
        "i'm", "i’m", "im", "am", "hi", "hey", "soy", "llamo", "name", "nombre",
    ]
    private static let particles: Set<String> = ["de", "del", "la", "las", "los", "y", "van", "von", "da", "di", "le", "o'"]

    func claims(in document: HTMLDocument) -> [Claim] {
        var candidates: [(String, xmlNodePtr)] = []
        if let meta = document.select("//meta[translate(@name,'AUTHOR','author')='author'][@content]").first,
            let content = document.attribute("content", of: meta)
        {
            candidates.append((content, meta))
        }
        for heading in document.select("//h1").prefix(2) {
            candidates.append((document.collapsedText(of: heading), heading))
        }
        for node in document.select("//meta[@property='og:title'][@content]|//title").prefix(2) {
            let text = document.attribute("content", of: node) ?? document.text(of: node)
            candidates.append((text, node))
        }
        for (text, node) in candidates {
            for segment in text.components(separatedBy: CharacterSet(charactersIn: "|·–—:-,(")) {
                let name = segment.trimmingSpacesAndNewlines()
                if Self.looksLikeName(name) {
                    return [
                        Claim(kind: .name, value: .text(name), origin: origin, url: document.url, excerpt: text, locator: document.path(of: node))
                    ]
                }
            }
        }
        return []
    }

    /// Two to five capitalised words (particles and initials allowed), no digits, no generic words.
    static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ").map(String.init)
        guard (2...5).contains(words.count), !text.contains(where: \.isNumber), text.count <= 60 else { return false }
        var capitalised = 0
        for word in words {
            let lower = word.lowercased()
            if generic.contains(lower.trimmingCharacters(in: .punctuationCharacters)) { return false }
            if particles.contains(lower) { continue }
            guard let first = word.first, first.isUppercase else { return false }
            capitalised += 1
        }
        return capitalised >= 2
    }
}
