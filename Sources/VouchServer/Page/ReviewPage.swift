import Foundation
import VouchDefaultPack

/// The review page: `Web/review.html` with `Web/review.css` and
/// `Web/review.js` put inline, one self-contained document, so the binary
/// needs no resource bundle and the page works offline.
enum ReviewPage {
    static let html = DefaultPack.text(of: "Web/review.html")
        .replacingOccurrences(of: "{{style}}", with: DefaultPack.text(of: "Web/review.css"))
        .replacingOccurrences(of: "{{script}}", with: DefaultPack.text(of: "Web/review.js"))
}

/// The API description served at /openapi.yaml: `openapi.yaml` at the
/// repository root, embedded as it is.
enum OpenAPIDocument {
    static let yaml = DefaultPack.text(of: "openapi.yaml")
}
