internal import CHuellaArena
internal import CLibXML2
import Foundation

/// libxml2's process-wide set-up: its allocator (arenas for huella's parses, malloc for the
/// rest: `CHuellaArena`), the parser initialised and error output silenced, once, before any
/// task parses (error handlers are per thread; the thread defaults cover new ones).
enum LibXML {
    /// Whether libxml2 allocates through huella's hooks: only then may a parse use an arena
    /// (with libxml2 on malloc, an arena's document would never be freed). Off when the
    /// address range is refused, or with HUELLA_XML_ARENA=off (for tools that watch malloc,
    /// such as valgrind or LeakSanitizer, and for measuring the hooks' cost).
    static let arenas: Bool = {
        // Memory libxml2 allocated before (none in huella) would still be freed right: the
        // hooks give whatever lies outside the arenas' range to free().
        let on =
            ProcessInfo.processInfo.environment["HUELLA_XML_ARENA"] != "off" && huella_arena_available() != 0
            && xmlMemSetup(huella_xml_free, huella_xml_malloc, huella_xml_realloc, huella_xml_strdup) == 0
        cxml_global_init()
        return on
    }()

    /// libxml2 set up (evaluating it is the set-up).
    static var ready: Bool {
        _ = arenas
        return true
    }
}
