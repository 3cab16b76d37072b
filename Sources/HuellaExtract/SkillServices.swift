/// What a VA says they do for the client, written as a verb and what it acts on rather than
/// as a skill's name: "I manage your inbox and calendar", "Gestiono tu bandeja de entrada y tu
/// agenda", "I book your travel". A skill's `services` in the vocabulary name what it acts on
/// (its objects) and the verbs only that skill takes ("answer your calls", "book your
/// travel"); the verbs every object takes ("manage", "gestiono", "me encargo de"), the
/// possessives and the words that may follow an object are here.
///
/// The object must be the client's ("your", "tu", "sus"): "my calendar" is the VA's own
/// ("Check my calendar to book a call"). It must end where its phrase ends (a mark, the end of
/// the text, or a small word: "and", "so", "para"): "your email marketing" is not your
/// e-mail. Up to two words may stand between the possessive and the object ("your busy
/// schedule", "your team's calendar"), and objects may be listed ("your inbox, calendar and
/// travel", "tu agenda y tus viajes").
struct SkillServices: Sendable {
    private struct Object: Sendable {
        let tokens: [[UInt8]]
        let id: String
    }

    /// Verbs as their words, by their last word ("take care of" by "of").
    private let verbs: [String: [[[UInt8]]]]
    /// The verbs (their words joined by a space) each skill takes besides the general ones.
    private let skillVerbs: [String: Set<String>]
    /// Objects by their first word, longest first.
    private let objects: [String: [Object]]

    /// The word of each verb that says what is done ("book", "atiendo", "encargo" in "me
    /// encargo de"): the negation test (`SkillMentions.isDeclined`) reads them as verbs.
    let mainVerbWords: Set<String>

    /// The last word of every verb, with the words that come before it in the verbs it ends
    /// ("care" for "of": "take care of"), or nil when it is a verb on its own ("manage"):
    /// `SkillVocabulary` notes them in its table of first words, so a page's words are looked
    /// up once, and a word that ends only longer verbs ("of", "de") is passed over unless the
    /// word before it fits.
    var verbEnds: [String: Set<String>?] {
        verbs.mapValues { list in
            list.contains { $0.count == 1 } ? nil : Set(list.map { String(decoding: $0[$0.count - 2], as: UTF8.self) })
        }
    }

    /// Whether a (folded) word is the last word of a verb.
    func endsVerb(_ word: String) -> Bool { verbs[word] != nil }

    init(_ skills: [SkillVocabulary.Skill]) {
        func words(_ phrase: String) -> [[UInt8]] { SkillVocabulary.tokens(of: phrase).map { Array($0.folded.utf8) } }
        var verbs: [String: [[[UInt8]]]] = [:]
        func addVerb(_ phrase: String) {
            let tokens = words(phrase)
            guard let last = tokens.last else { return }
            let key = String(decoding: last, as: UTF8.self)
            if !(verbs[key] ?? []).contains(tokens) { verbs[key, default: []].append(tokens) }
        }
        Self.generalVerbs.forEach(addVerb)
        var skillVerbs: [String: Set<String>] = [:]
        var objects: [String: [Object]] = [:]
        for skill in skills {
            guard let services = skill.services else { continue }
            for verb in services.verbs ?? [] {
                addVerb(verb)
                skillVerbs[skill.id, default: []].insert(Self.joined(words(verb)))
            }
            for object in services.objects {
                let tokens = words(object)
                guard let first = tokens.first else { continue }
                objects[String(decoding: first, as: UTF8.self), default: []].append(Object(tokens: tokens, id: skill.id))
            }
        }
        for key in objects.keys { objects[key]?.sort { $0.tokens.count > $1.tokens.count } }
        self.verbs = verbs
        mainVerbWords = Set(verbs.values.joined().compactMap { tokens in
            tokens.first { $0 != Array("me".utf8) && $0 != Array("nos".utf8) }.map { String(decoding: $0, as: UTF8.self) }
        })
        self.skillVerbs = skillVerbs
        self.objects = objects
    }

    private static func joined(_ tokens: [[UInt8]]) -> String {
        tokens.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// How the text between two words reads (`SkillVocabulary.Words.marks`).
    enum Mark {
        /// White space only.
        case none
        /// A comma, an ampersand or a slash: a list goes on.
        case list
        /// Any other sign: a sentence, a clause or a parenthesis ends.
        case other
    }

    /// The skills named by objects of the verb whose last word is word `i`: each skill's id
    /// and its object's first word and length, in the order of the text.
    func mentions(
        afterVerbAt i: Int, count: Int, word: (Int) -> UnsafeBufferPointer<UInt8>, mark: (Int) -> Mark
    ) -> [(id: String, at: Int, words: Int)] {
        func string(_ k: Int) -> String { String(decoding: word(k), as: UTF8.self) }
        func isIn(_ set: Set<String>, _ k: Int) -> Bool { k < count && set.contains(string(k)) }
        // Whether the words from `start` are these, with nothing but white space between them.
        func holds(_ tokens: [[UInt8]], at start: Int) -> Bool {
            start >= 0 && start + tokens.count <= count
                && tokens.indices.allSatisfy { t in tokens[t].elementsEqual(word(start + t)) && (t == 0 || mark(start + t) == .none) }
        }
        // Whether word k makes what follows the client's, in the same phrase.
        func isClients(_ k: Int) -> Bool { k < count && mark(k) == .none && isIn(Self.possessives, k) }
        // The verb: its words end at word i.
        guard let verb = verbs[string(i)]?.first(where: { holds($0, at: i - $0.count + 1) }) else { return [] }
        let first = i - verb.count + 1
        // A verb that opens its clause without a subject tells the reader what to do ("Manage
        // your appointments", "Update your website regularly"), unless its form names its
        // doer ("Gestiono tu agenda", "Me encargo de…") or it is a gerund ("Managing your inbox").
        let firstWord = string(first)
        let namesItsDoer = firstWord.hasSuffix("o") || firstWord.hasSuffix("mos") || firstWord.hasSuffix("ing") || firstWord == "me"
            || firstWord == "nos"
        if !namesItsDoer && (first == 0 || mark(first) != .none) { return [] }
        // Up to two small words, then the client's possessive: "all of your", "a tus". Most
        // verbs have none: the words before the verb are read only for those that do.
        var j = i + 1
        while j < count, j - i <= 2, mark(j) == .none, isIn(Self.fillers, j) { j += 1 }
        guard isClients(j), !isReaders(verbAt: first, word: word, mark: mark) else { return [] }
        j += 1
        let verbName = Self.joined(verb)
        var found: [(id: String, at: Int, words: Int)] = []
        // Whether the object before this one was joined to it by "and"/"y", and was kept.
        var joinedToKept = false
        for _ in 0..<8 {
            // The object: its first word at most two words on ("your busy schedule"); not
            // the VA's own ("your inbox and my calendar").
            var matched: (object: Object, at: Int)?
            for start in j..<min(j + 3, count) {
                if isIn(Self.ownPossessives, start) || (start > j && (mark(start) != .none || isIn(Self.stops, start))) { break }
                if let object = objects[string(start)]?.first(where: { holds($0.tokens, at: start) }) {
                    matched = (object, start)
                    break
                }
            }
            guard let (object, at) = matched else { break }
            let end = at + object.tokens.count
            // The phrase ends with the object. When it does not, an object joined to it by
            // "and" was a word of the same phrase: "your Facebook and Instagram ads", "your
            // email and social media marketing".
            guard end == count || mark(end) != .none || isIn(Self.followers, end) else {
                if joinedToKept { found.removeLast() }
                break
            }
            let kept = Self.generalVerbNames.contains(verbName) || skillVerbs[object.id]?.contains(verbName) == true
            if kept { found.append((object.id, at, object.tokens.count)) }
            // A list goes on after a comma or a conjunction, maybe with the possessive again.
            guard end < count else { break }
            joinedToKept = false
            if mark(end) == .list {
                j = end
            } else if mark(end) == .none, isIn(Self.conjunctions, end) {
                j = end + 1
                joinedToKept = kept && !isClients(j)
            } else {
                break
            }
            if isClients(j) { j += 1 }
            guard j < count else { break }
        }
        return found
    }

    /// Whether the verb at word `first` is the reader's to do, not a service: advice ("How to
    /// organise your inbox", "Cómo organizar tu agenda"), or the reader as the subject in the
    /// phrase before it ("You can book your appointments online", "So you can focus on running
    /// your online store", "Para que puedas dedicarte a gestionar tus redes"). The VA's own
    /// subject nearer the verb, or a VA who helps the reader do it, makes it a service ("I can
    /// manage your inbox", "so you know I manage your inbox", "I help you run your store").
    private func isReaders(verbAt first: Int, word: (Int) -> UnsafeBufferPointer<UInt8>, mark: (Int) -> Mark) -> Bool {
        func string(_ k: Int) -> String { String(decoding: word(k), as: UTF8.self) }
        guard first >= 1, mark(first) == .none else { return false }
        let before = string(first - 1)
        if before == "como" { return true }
        if before == "to", first >= 2, mark(first - 1) == .none, Self.adviceWords.contains(string(first - 2)) { return true }
        var k = first - 1
        while k >= 0, first - k <= 6, mark(k + 1) == .none {
            let back = string(k)
            if Self.doers.contains(back) { return false }
            if back == "you" { return !(k >= 1 && mark(k) == .none && Self.helping.contains(string(k - 1))) }
            if Self.readersForms.contains(back) { return true }
            k -= 1
        }
        return false
    }

    /// Verbs of managing something for the client, that every object takes.
    private static let generalVerbs = [
        "manage", "manages", "managing", "handle", "handles", "handling", "organise", "organize", "organising", "organizing",
        "run", "running", "oversee", "overseeing", "coordinate", "coordinating", "look after", "looking after", "take care of",
        "taking care of", "take over", "taking over", "gestiono", "gestionamos", "gestionar", "gestionando", "organizo",
        "organizamos", "organizar", "llevo", "llevamos", "llevar", "manejo", "manejamos", "manejar", "administro",
        "administramos", "administrar", "coordino", "coordinamos", "coordinar", "me encargo de", "nos encargamos de",
        "me ocupo de", "nos ocupamos de", "encargarme de", "ocuparme de", "me hago cargo de", "nos hacemos cargo de",
    ]
    private static let generalVerbNames = Set(generalVerbs.map { joined(SkillVocabulary.tokens(of: $0).map { Array($0.folded.utf8) }) })
    /// Small words between a verb and the possessive ("all of your", "atiendo a tus").
    private static let fillers: Set<String> = ["all", "of", "a", "al", "todo", "todos", "toda", "todas", "de", "del"]
    /// Words that make the object the client's (folded: "vuestro" and "su" without accents).
    private static let possessives: Set<String> = ["your", "tu", "tus", "su", "sus", "vuestro", "vuestra", "vuestros", "vuestras"]
    /// Possessives of the VA's own things ("my calendar", "nuestra agenda").
    private static let ownPossessives: Set<String> = [
        "my", "our", "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras", "his", "her", "their",
    ]
    /// The VA as the subject ("let me handle", "someone to manage"), or the help the VA gives
    /// ("Do you need help managing your inbox?").
    private static let doers: Set<String> = [
        "i", "we", "me", "us", "yo", "nosotros", "nosotras", "someone", "somebody", "alguien", "help", "ayuda", "assistant",
        "asistente",
    ]
    /// Verbs whose object ("you") is helped by the VA to do what follows ("help you manage").
    private static let helping: Set<String> = ["help", "helps", "helping", "let", "lets", "letting", "free", "frees", "freeing"]
    /// Spanish forms addressed to the reader ("puedes gestionar", "para que puedas", "cuando
    /// tengas que"; folded: "podrás" is "podras").
    private static let readersForms: Set<String> = [
        "puedes", "puede", "pueden", "podras", "podra", "podeis", "podes", "puedas", "puedan", "podais", "tengas",
    ]
    /// Words before "to" that make the verb advice ("how to", "ways to", "tips to").
    private static let adviceWords: Set<String> = ["how", "ways", "tips", "steps", "learn"]
    /// Words that may follow an object where its phrase ends. Not "a"/"al": "Llevo tu web al
    /// siguiente nivel" takes the web somewhere.
    private static let followers: Set<String> = [
        "and", "or", "so", "for", "while", "with", "to", "from", "every", "each", "daily", "weekly", "monthly", "on", "in", "at",
        "across", "as", "up", "like", "using", "through", "via", "without", "that", "plus", "y", "e", "o", "u", "ni", "para",
        "mientras", "con", "cada", "en", "desde", "sin", "como", "por", "mediante", "diariamente", "semanalmente",
        "mensualmente", "que", "management", "admin", "administration", "gestion", "administracion",
    ]
    /// Words that go on a list of objects.
    private static let conjunctions: Set<String> = ["and", "or", "plus", "y", "e", "o", "u", "ni"]
    /// Words that cannot stand between a possessive and its object.
    private static let stops = followers.union(possessives).union(ownPossessives)
}
