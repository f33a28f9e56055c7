import Foundation
import Markdown

/// Renders page bodies from Markdown while the pages themselves are rendered (one pass, on all
/// cores), and keeps what checks need — headings, links — without the HTML when asked to.
final class PageBodies: @unchecked Sendable {
    let fs: FileSystem
    let options: MarkdownOptions
    let diagnostics: Diagnostics
    /// Keep each page's headings and links (for `check` and `serve`); a plain build does not.
    let keepFacts: Bool
    /// Site URLs of the files under content/ (images), which Markdown images must be.
    let assets: Set<String>
    /// Processed photos: one that could not be processed is reported where the body uses it.
    let images: SiteImages
    private let lock = NSLock()
    private var facts: [String: RenderedMarkdown] = [:]

    init(fs: FileSystem, options: MarkdownOptions, diagnostics: Diagnostics, keepFacts: Bool, assets: Set<String>,
         images: SiteImages = SiteImages()) {
        self.assets = assets
        self.images = images
        self.fs = fs
        self.options = options
        self.diagnostics = diagnostics
        self.keepFacts = keepFacts
    }

    /// The page's body rendered. Problems in it (raw HTML) are reported once, for the page's own
    /// render, not when another language shows it as a fallback.
    func render(_ page: Page, asFallback: Bool = false) -> RenderedMarkdown {
        guard let body = ContentLoader.body(of: page, fs: fs) else {
            diagnostics.error(.file(page.sourcePath), "the file could not be read again while rendering",
                              hint: "was it moved or deleted during the build? Build again.")
            return MarkdownRenderer.render("", options: options)
        }
        let rendered = MarkdownRenderer.render(body, options: options)
        guard !asFallback else { return rendered }
        for position in rendered.escapedRawHTML {
            diagnostics.warning(page.location(of: position),
                                "raw HTML is shown as text on the page",
                                hint: "write it in Markdown instead, or set `allow_html: true` in content/site.yml if this content is trusted.")
        }
        for unsafe in rendered.unsafeURLs {
            diagnostics.error(page.location(of: unsafe.position),
                              "the \(unsafe.isImage ? "image" : "link") address `\(OutputPath.shown(unsafe.url))` is refused: \(unsafe.reason); it was left out of the page",
                              hint: unsafe.isImage ? "put the image in content/images/ and write its path, e.g. ![mô tả](/images/anh.png)."
                                                   : "link only to https:// (or http://) addresses, mailto:, tel:, or pages of this site such as /huong-dan/.")
        }
        for link in rendered.links where link.isImage {
            let problem: ImageSource.Problem?
            switch ImageSource.resolve(link.url, on: page.url) {
            case .failure(let p): problem = p
            case .success(let url):
                problem = ImageSource.missing(url, written: link.url, assets: assets)
                    ?? images.problem(at: url).map { ImageSource.Problem(message: "\(url): \($0.message)", hint: $0.hint) }
            }
            if let problem { diagnostics.error(page.location(of: link.position), problem.message, hint: problem.hint) }
        }
        if keepFacts {
            var kept = rendered
            kept.html = ""
            lock.withLock { facts[page.sourcePath] = kept }
        }
        return rendered
    }

    /// Headings and links found in each page rendered so far, by source path.
    var collected: [String: RenderedMarkdown] { lock.withLock { facts } }
}
