import Templates

/// The site map page for people (`sitemap.mustache`, `/so-do-trang/` and `/en/sitemap/`): every
/// section, the guides by topic, the models, the wards and communes, progress and the other pages,
/// as plain links. The footer links it instead of the XML sitemap, which is for search engines.
struct SiteMapRoutes: RouteProvider {
    /// Where a language's site map lives.
    static func url(_ language: Language) -> String {
        language == .vi ? "/so-do-trang/" : "\(language.urlPrefix)/sitemap/"
    }

    func routes(in c: RouteContext) -> [Route] {
        let site = c.site, language = c.language, layout = c.layout
        let url = Self.url(language)
        let title = c.s("footer_sitemap")
        return [c.page("sitemap", url: url, owner: c.siteFile,
                       layout: { layout.make(url: url, title: title, description: c.s("sitemap_intro"), crumbs: [],
                                             alternates: c.everyLanguage { Self.url($0) }) },
                       view: { Self.view(c, site: site, language: language, title: title) })]
    }

    static func view(_ c: RouteContext, site: Site, language: Language, title: String) -> SiteMapView {
        func link(_ page: Page) -> LinkView {
            let p = site.localized(page, language).page
            return LinkView(name: p.title, url: p.url)
        }
        let sections = [SiteMapView.Entry(link: LinkView(name: c.s("home"), url: language.urlPrefix + "/"))]
            + site.config.menu.map { item in
                let url = Section(rawValue: item.target).map { $0.url(language) } ?? c.layout.pageURL(item.target)
                return SiteMapView.Entry(link: LinkView(name: c.s(item.key), url: url))
            }
        // A topic lists its first page of guides; its own (paginated) page lists them all, so the
        // site map stays within the page budget however many guides there are.
        let guides = site.guides(in: .default)
        let topics = site.reference.topics.map { topic in
            SiteMapView.Entry(link: LinkView(name: topic.name(language), url: Section.topics.url(language, slug: topic.id)),
                              children: guides.filter { $0.details.topics.first == topic.id }.prefix(site.config.pageSize).map { link($0.page) })
        }
        let models = site.reference.models.map {
            SiteMapView.Entry(link: LinkView(name: $0.name(language), url: Section.models.url(language, slug: $0.id)))
        }
        let localities = site.reference.localities.map {
            SiteMapView.Entry(link: LinkView(name: $0.name(language), url: Section.localities.url(language, slug: $0.id)))
        }
        let progress = [SiteMapView.Entry(link: LinkView(name: c.s("nav_progress"), url: Section.progress.url(language)),
                                          children: site.snapshots.reversed().map {
                                              LinkView(name: "\(c.s("snapshot_date")) \(Format.date($0.asOf, language))",
                                                       url: Section.progress.url(language, slug: $0.id))
                                          })]
        let menuTargets = Set(sections.map(\.link.url))
        let others = site.pages(.page, .default).map(link).filter { !menuTargets.contains($0.url) }.map { SiteMapView.Entry(link: $0) }
            + [SiteMapView.Entry(link: LinkView(name: c.s("calendar_all"), url: Section.events.url(language) + "calendar.ics")),
               SiteMapView.Entry(link: LinkView(name: c.s("footer_feed"), url: language.urlPrefix + "/feed.xml"))]
        return SiteMapView(title: title, groups: [
            .init(id: "cac-muc", heading: c.s("sitemap_sections"), entries: sections),
            .init(id: "huong-dan", heading: c.s("nav_guides"), entries: topics),
            .init(id: "mo-hinh", heading: c.s("models"), entries: models),
            .init(id: "phuong-xa", heading: c.s("nav_localities"), entries: localities),
            .init(id: "tien-do", heading: c.s("nav_progress"), entries: site.snapshots.isEmpty ? [] : progress),
            .init(id: "khac", heading: c.s("sitemap_other"), entries: others),
        ].filter { !$0.entries.isEmpty })
    }
}

/// The site map page: groups of links, some with links under them (a topic's guides).
struct SiteMapView: ViewValue {
    var title: String
    var groups: [Group]

    struct Group: ViewValue {
        var id: String
        var heading: String
        var entries: [Entry]
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "id": return id
            case "heading": return heading
            case "entries": return entries
            default: return nil
            }
        }
    }

    struct Entry: ViewValue {
        var link: LinkView
        var children: [LinkView] = []
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "name": return link.name
            case "url": return link.url
            case "children": return children
            case "has_children": return !children.isEmpty
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "title": return title
        case "groups": return groups
        default: return nil
        }
    }
}
