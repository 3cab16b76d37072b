internal import CHuellaArena
internal import CLibXML2
import Foundation

/// libxml2's process-wide set-up: its allocator (arenas for huella's parses, malloc for the
/// rest: `CHuellaArena`), the parser initialised and error output silenced, once, before any
/// task parses (error handlers are per thread; the thread defaults cover new ones).
enum LibXML {
    static let ready: Bool = {
        // Memory libxml2 allocated before (none in huella) would still be freed right: the
        // allocator gives whatever lies outside the arenas' range to free().
        // HUELLA_XML_ARENA=off leaves libxml2 with malloc (for tools that watch malloc, such as
        // valgrind, and for measuring the allocator's hooks).
        if ProcessInfo.processInfo.environment["HUELLA_XML_ARENA"] != "off", huella_arena_available() != 0 {
            xmlMemSetup(huella_xml_free, huella_xml_malloc, huella_xml_realloc, huella_xml_strdup)
        }
        cxml_global_init()
        return true
    }()
}
