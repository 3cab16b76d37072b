internal import CLibXML2

/// libxml2's process-wide set-up: parser initialised and error output silenced once,
/// before any task parses (error handlers are per thread; the thread defaults cover new ones).
enum LibXML {
    static let ready: Bool = {
        cxml_global_init()
        return true
    }()
}
