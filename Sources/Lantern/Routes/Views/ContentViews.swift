import Templates
import Markdown

/// The views one language shares across families: a page's body, and cards for lists.
final class ContentViews {
    let site: Site
    let language: Language
    let bodies: PageBodies

    init(site: Site, language: Language, bodies: PageBodies) {
        self.site = site
        self.language = language
        self.bodies = bodies
    }

    func s(_ key: String) -> String { site.strings.string(key, language) }

    /// A locality's name and page (its list of localities when the id is unknown).
    func localityLink(_ id: String) -> LinkView {
        guard let l = site.reference.locality(id) else { return LinkView(name: id, url: Section.localities.url(language)) }
        return LinkView(name: l.name(language), url: Section.localities.url(language, slug: l.id))
    }

    /// The page's body rendered now (once per page), in this language, marked when it is the
    /// Vietnamese text shown for an untranslated page.
    func body(_ page: Page) -> (view: BodyView, rendered: RenderedMarkdown) {
        let rendered = bodies.render(page)
        return (common(page, rendered), rendered)
    }

    func common(_ page: Page, _ rendered: RenderedMarkdown) -> BodyView {
        var html = rendered.html
        var fallback = page.language != language
        if page.bodyIsFallback, let original = site.translation(of: page, in: .default) {
            html = bodies.render(original, asFallback: true).html
            fallback = true
        }
        return BodyView(title: page.title, summary: page.summary, bodyHTML: html, bodyFallback: fallback,
                        illustrative: page.illustrative)
    }

    /// A short card for lists: title, URL, summary, and a marker when it is not in the list's language.
    func card(_ original: Page) -> CardView {
        let (page, isFallback) = site.localized(original, language)
        var card = CardView(title: page.title, url: page.url, summary: page.summary, fallback: isFallback,
                            pageLang: page.language.rawValue)
        switch page.details {
        case .guide(let g):
            card.meta = "\(g.duration) \(s("minutes")) · \(s("level_\(g.level)"))"
        case .story(let st):
            card.meta = Format.date(st.date, language)
            card.dateISO = st.date.iso
        case .event(let e):
            card.meta = Format.eventTime(e.timing, language, allDayLabel: s("all_day"))
            card.cancelled = e.status == .cancelled
            card.postponed = e.status == .postponed
            // Only a change of plan gets a badge: an empty one rendered as a black dash.
            card.statusLabel = e.status == .scheduled ? nil : s("status_\(e.status.rawValue)")
        case .home, .page: break
        }
        return card
    }
}
