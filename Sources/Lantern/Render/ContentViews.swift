import Templates
import Markdown

/// View values for single content pages: guide, story, event, standalone page, home.
/// Each function returns the template's values; the layout's values come from `PageContext`.
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

    func localityLink(_ id: String) -> TemplateObject {
        guard let l = site.reference.locality(id) else { return ["name": id, "url": Section.localities.url(language)] }
        return ["name": l.name(language), "url": Section.localities.url(language, slug: l.id)]
    }

    /// A content page's template and values; its Markdown body is rendered here, once.
    func content(_ page: Page) -> (template: String, view: TemplateObject) {
        let rendered = bodies.render(page)
        switch page.details {
        case .guide(let g): return ("guide", guide(page, g, rendered))
        case .story(let st): return ("story", story(page, st, rendered))
        case .event(let e): return ("event", event(page, e, rendered))
        case .none: return ("page", common(page, rendered))
        }
    }

    /// The template a content page uses.
    static func template(for page: Page) -> String {
        switch page.kind {
        case .guide: return "guide"
        case .story: return "story"
        case .event: return "event"
        case .home: return "home"
        case .page: return "page"
        }
    }

    /// The page's values and body HTML in this language, marked when it is Vietnamese text shown
    /// for an untranslated page.
    func common(_ page: Page, _ rendered: RenderedMarkdown) -> TemplateObject {
        var html = rendered.html
        var fallback = page.language != language
        if page.bodyIsFallback, let original = site.translation(of: page, in: .default) {
            html = bodies.render(original, asFallback: true).html
            fallback = true
        }
        return ["title": page.title, "summary": page.summary, "body_html": html, "body_fallback": fallback,
                "illustrative": page.illustrative]
    }

    /// A short card for lists: title, URL, summary, and a marker when it is not in the list's language.
    func card(_ original: Page) -> TemplateObject {
        let (page, isFallback) = site.localized(original, language)
        var card: TemplateObject = ["title": page.title, "url": page.url, "summary": page.summary,
                                   "fallback": isFallback, "page_lang": page.language.rawValue]
        switch page.details {
        case .guide(let g):
            card["meta"] = "\(g.duration) \(s("minutes")) · \(s("level_\(g.level)"))"
        case .story(let st):
            card["meta"] = Format.date(st.date, language)
            card["date_iso"] = st.date.iso
        case .event(let e):
            card["meta"] = Format.eventTime(e.timing, language, allDayLabel: s("all_day"))
            card["cancelled"] = e.status == .cancelled
            card["postponed"] = e.status == .postponed
            card["status_label"] = e.status == .scheduled ? "" : s("status_\(e.status.rawValue)")
        case .none: break
        }
        return card
    }

    func guide(_ page: Page, _ g: Page.Guide, _ rendered: RenderedMarkdown) -> TemplateObject {
        var view = common(page, rendered)
        view["duration_text"] = "\(g.duration) \(s("minutes"))"
        view["level_label"] = s("level_\(g.level)")
        view["audience"] = g.audience.map { s("audience_\($0)") }.joined(separator: ", ")
        view["needs"] = g.needs
        view["has_needs"] = !g.needs.isEmpty
        view["updated_text"] = Format.date(g.updated, language)
        view["updated_iso"] = g.updated.iso
        view["steps_count"] = rendered.firstOrderedListItemCount
        view["topics"] = g.topics.compactMap { id in site.reference.topic(id) }.map {
            ["name": $0.name(language), "url": Section.topics.url(language, slug: $0.id)] as TemplateObject
        }
        var seen: Set<String> = [page.translationKey]
        var related: [Page] = []
        for topic in g.topics {
            for other in site.guides(topic: topic) where related.count < 3 && seen.insert(other.translationKey).inserted {
                related.append(other)
            }
        }
        view["has_topics"] = !g.topics.isEmpty
        view["related"] = related.map(card)
        view["has_related"] = !related.isEmpty
        view["localities_url"] = Section.localities.url(language)
        view["help_teams"] = site.reference.localities.filter { $0.kind != .province }.map { l -> TemplateObject in
            ["name": l.name(language), "url": Section.localities.url(language, slug: l.id)]
        }
        view["print_url"] = site.config.absoluteURL(page.url)
        return view
    }

    func story(_ page: Page, _ st: Page.Story, _ rendered: RenderedMarkdown) -> TemplateObject {
        var view = common(page, rendered)
        view["date_text"] = Format.longDate(st.date, language)
        view["date_iso"] = st.date.iso
        view["author"] = st.author
        view["locality"] = localityLink(st.locality)
        if let m = site.reference.model(st.model) {
            view["model"] = ["name": m.name(language), "url": Section.models.url(language, slug: m.id)]
        }
        if let image = st.image { view["image"] = ["src": image.src, "alt": image.alt] }
        return view
    }

    func event(_ page: Page, _ e: Page.Event, _ rendered: RenderedMarkdown) -> TemplateObject {
        var view = common(page, rendered)
        view["time_text"] = Format.eventTime(e.timing, language, allDayLabel: s("all_day"))
        switch e.timing {
        case .timed(let start, let end):
            view["start_iso"] = "\(start.date.iso)T\(start.hhmm)"
            view["end_iso"] = "\(end.date.iso)T\(end.hhmm)"
        case .allDay(let d):
            view["start_iso"] = d.iso
        }
        view["cancelled"] = e.status == .cancelled
        view["postponed"] = e.status == .postponed
        view["status_label"] = s("status_\(e.status.rawValue)")
        view["is_past"] = e.endDate < site.today
        view["location_name"] = e.locationName
        view["address"] = e.address
        view["locality"] = localityLink(e.locality)
        view["organizer"] = e.organizer
        view["contact"] = e.contact
        if let r = e.registration {
            view["registration"] = r
            view["registration_is_link"] = r.hasPrefix("https://") || r.hasPrefix("http://")
        }
        view["ics_url"] = page.url + "calendar.ics"
        return view
    }
}
