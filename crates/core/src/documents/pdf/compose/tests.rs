use super::*;

fn issuer() -> Issuer {
    crate::settings::default_issuer()
}

fn doc(body: Vec<Block>) -> DocumentContent {
    DocumentContent {
        doc_type: DocumentType::Announcement,
        number: Some(3),
        date: None,
        subject: "Kết luận cuộc họp".into(),
        urgency: None,
        addressees: vec![],
        enacting_authority: String::new(),
        legal_bases: vec![],
        body,
        signers: vec![Signer {
            authority: None,
            on_behalf_of: "Tổ trưởng".into(),
            titles: vec![],
            name: "Võ Trọng Phú".into(),
        }],
        recipients: vec!["Thành viên Tổ Công tác".into()],
        archive: "VT, TCT".into(),
        authority_id: String::new(),
        signer_choice: None,
    }
}

fn texts(page: &Page) -> Vec<(f32, String)> {
    page.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text { y, spans, .. } => Some((*y, spans.iter().map(|s| s.text.as_str()).collect())),
            _ => None,
        })
        .collect()
}

fn para(n: usize) -> Block {
    Block::Paragraph {
        runs: vec![Run::plain(format!(
            "Đoạn {n}: các sở, ngành tiếp tục triển khai nhiệm vụ chuyển đổi số theo kế hoạch đã đề ra."
        ))],
    }
}

/// For every body length from one to three pages, the page that holds the signature also
/// holds at least two lines of the body above it.
#[test]
fn the_signing_block_never_stands_alone() {
    let fonts = Fonts::get().unwrap();
    let mut checked_breaks = 0;
    for n in 1..60 {
        let pages = compose(fonts, &doc((0..n).map(para).collect()), &issuer(), Margins::default()).unwrap();
        let last = pages.last().unwrap();
        let lines = texts(last);
        let name_y = lines
            .iter()
            .find(|(_, t)| t == "Võ Trọng Phú")
            .map(|(y, _)| *y)
            .expect("the signer's name is on the last page");
        let body_lines =
            lines.iter().filter(|(y, t)| *y < name_y && t.starts_with("Đoạn") || t.contains("đã đề ra")).count();
        assert!(
            body_lines >= 1,
            "{n} paragraphs: the signature page has no body text: {:?}",
            pages.iter().map(texts).collect::<Vec<_>>().last()
        );
        if pages.len() > 1 {
            checked_breaks += 1;
            let body_above: Vec<&(f32, String)> =
                lines.iter().filter(|(y, t)| *y < name_y && t != "2" && t != "3" && !t.is_empty()).collect();
            assert!(body_above.len() >= 3, "{n} paragraphs: only {:?} above the signature", body_above);
        }
    }
    assert!(checked_breaks > 10, "the test must cross page breaks");
}

#[test]
fn a_table_that_crosses_a_page_repeats_its_header() {
    let fonts = Fonts::get().unwrap();
    let rows: Vec<Vec<String>> =
        (1..=45).map(|i| vec![i.to_string(), format!("Nhiệm vụ số {i} của kế hoạch"), "Sở Y tế".into()]).collect();
    let table =
        Block::Table { header: vec!["TT".into(), "Nội dung".into(), "Chủ trì".into()], rows, widths: vec![] };
    let pages = compose(fonts, &doc(vec![para(0), table]), &issuer(), Margins::default()).unwrap();
    assert!(pages.len() >= 2);
    for (i, page) in pages.iter().enumerate().skip(1) {
        let lines = texts(page);
        let top_cell =
            lines.iter().filter(|(_, t)| t != &(i + 1).to_string()).min_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
        if lines.iter().any(|(_, t)| t.starts_with("Nhiệm vụ số")) {
            assert!(
                ["TT", "Nội dung", "Chủ trì"].contains(&top_cell.1.as_str()),
                "page {}: starts with {:?}",
                i + 1,
                top_cell.1
            );
        }
    }
}

/// Rules: under Tiêu ngữ as long as the text; under the issuing body and under the subject
/// between a third and a half of the text's length, centred.
#[test]
fn rules_have_the_decree_lengths() {
    let fonts = Fonts::get().unwrap();
    let issuer = crate::settings::default_issuer();
    let doc: DocumentContent =
        serde_json::from_str(include_str!("../../../../../../docs/examples/thong-bao.json")).unwrap();
    let pages = compose(fonts, &doc, &issuer, Margins::default()).unwrap();
    let rules: Vec<(f32, f32, f32)> = pages[0]
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rule { x1, x2, y1, y2, .. } if (y1 - y2).abs() < 0.01 => Some((*x1, *x2, *y1)),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 3, "{rules:?}");
    let f = Frame::portrait(Margins::default());
    let motto = fonts.width(Style::Bold, "Độc lập - Tự do - Hạnh phúc", 13.0);
    let body = fonts.width(Style::Bold, "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", 12.0);
    let (lx, lw) = f.left_column();
    let (rx, rw) = f.right_column();
    let under_body = rules.iter().find(|r| r.0 < lx + lw).unwrap();
    let under_motto = rules.iter().find(|r| r.0 > rx && r.2 < 100.0).unwrap();
    let under_subject = rules.iter().max_by(|a, b| a.2.total_cmp(&b.2)).unwrap();
    assert!((under_motto.1 - under_motto.0 - motto).abs() < 0.5, "Tiêu ngữ rule {under_motto:?} vs {motto}");
    assert!(((under_motto.0 + under_motto.1) / 2.0 - (rx + rw / 2.0)).abs() < 0.5);
    let len = under_body.1 - under_body.0;
    assert!(len >= body / 3.0 && len <= body / 2.0, "issuing body rule {len} for text {body}");
    assert!(((under_body.0 + under_body.1) / 2.0 - (lx + lw / 2.0)).abs() < 0.5);
    let sub = under_subject.1 - under_subject.0;
    let w = f.text_width();
    let longest = break_lines(fonts, &[Span::new(doc.subject.as_str(), Style::Bold)], 14.0, w * 0.85, w * 0.85)
        .iter()
        .map(|l| l.width)
        .fold(0.0, f32::max);
    assert!(sub >= longest / 3.0 - 0.01 && sub <= longest / 2.0 + 0.01, "subject rule {sub} for a line of {longest}");
    assert!(((under_subject.0 + under_subject.1) / 2.0 - (f.left + f.text_width() / 2.0)).abs() < 0.5);
}

/// Text of a mark, and the tag ("q12", "Z3", "w4") of the test block it belongs to, if any.
fn tagged(page: &Page) -> Vec<(String, f32, String)> {
    page.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text { y, spans, .. } => {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                let tag = text
                    .split_whitespace()
                    .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
                    .find(|w| {
                        let mut cs = w.chars();
                        matches!(cs.next(), Some('q' | 'Z' | 'w')) && w.len() > 1 && cs.all(|c| c.is_ascii_digit())
                    })?
                    .to_string();
                Some((tag, *y, text))
            }
            _ => None,
        })
        .collect()
}

/// A paragraph of about `words` words whose every line carries its tag.
fn tagged_runs(tag: &str, words: usize) -> Vec<Run> {
    const WORDS: [&str; 9] = ["các", "sở,", "ngành", "triển", "khai", "chuyển", "đổi", "số", "tỉnh"];
    let text: Vec<String> =
        (0..words).map(|i| if i % 3 == 0 { tag.to_string() } else { WORDS[i % WORDS.len()].to_string() }).collect();
    vec![Run::plain(text.join(" "))]
}

/// The stress body: headings, clauses, points, dashes of 1 to 6 lines, an introduction ending
/// with ":" and a table, after `fillers` one-line paragraphs that shift every page break.
fn sweep_body(fillers: usize) -> Vec<Block> {
    let mut body: Vec<Block> =
        (0..fillers).map(|i| Block::Paragraph { runs: tagged_runs(&format!("q{}", 1000 + i), 6) }).collect();
    let mut id = 0;
    let mut next = || {
        id += 1;
        id
    };
    for round in 0..3 {
        body.push(Block::Heading { heading: HeadingKind::Roman, title: format!("Nội dung z{}", next()) });
        for words in [14, 30, 45, 60, 75, 90] {
            body.push(Block::Clause { runs: tagged_runs(&format!("q{}", next()), words) });
            body.push(Block::Point { runs: tagged_runs(&format!("q{}", next()), words / 2 + 8) });
        }
        body.push(Block::Heading { heading: HeadingKind::Article, title: format!("Phạm vi z{}", next()) });
        body.push(Block::Dash { runs: tagged_runs(&format!("q{}", next()), 35) });
        let mut intro = tagged_runs(&format!("w{}", next()), 8);
        intro[0].text.push_str(" các chỉ tiêu:");
        body.push(Block::Paragraph { runs: intro });
        let rows = (1..=5 + round).map(|r| vec![r.to_string(), format!("Chỉ tiêu {r}"), "97,2%".into()]).collect();
        body.push(Block::Table {
            header: vec!["TT".into(), "Chỉ tiêu".into(), "Tỷ lệ".into()], rows, widths: vec![]
        });
    }
    body
}

/// For every shift of the body by one line over more than a page: a paragraph split across
/// pages keeps at least two lines on each side; no page ends with a heading, an introduction
/// ending with ":" or a table's header row.
#[test]
fn no_widows_orphans_or_stranded_headings() {
    let fonts = Fonts::get().unwrap();
    let mut split_paragraphs = 0;
    for fillers in 0..50 {
        let pages = compose(fonts, &doc(sweep_body(fillers)), &issuer(), Margins::default()).unwrap();
        let per_page: Vec<Vec<(String, f32, String)>> = pages.iter().map(tagged).collect();
        let mut lines_on: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (p, marks) in per_page.iter().enumerate() {
            for (tag, _, _) in marks {
                let counts = lines_on.entry(tag.clone()).or_insert_with(|| vec![0; pages.len()]);
                counts[p] += 1;
            }
        }
        for (tag, counts) in &lines_on {
            let used: Vec<usize> = counts.iter().copied().filter(|&n| n > 0).collect();
            if used.len() > 1 {
                split_paragraphs += 1;
                assert!(
                    used.iter().all(|&n| n >= 2),
                    "{fillers} fillers: block {tag} split as {used:?} lines across pages"
                );
            }
        }
        for (p, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let lowest_tagged = per_page[p].iter().map(|(_, y, _)| *y).fold(f32::MIN, f32::max);
            let lowest_any = texts(page).iter().map(|(y, _)| *y).fold(f32::MIN, f32::max);
            let last_tag = per_page[p]
                .iter()
                .find(|(_, y, _)| *y == lowest_tagged && lowest_tagged >= lowest_any)
                .map(|(t, _, _)| t.clone())
                .unwrap_or_default();
            assert!(
                !last_tag.starts_with('Z') && !last_tag.starts_with('w'),
                "{fillers} fillers: page {} ends with {last_tag} (a heading or an introduction)",
                p + 1
            );
            // The lowest text on the page is not the table's header row alone.
            let lowest = texts(page).into_iter().max_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
            assert!(
                !["TT", "Chỉ tiêu", "Tỷ lệ"].contains(&lowest.1.as_str()),
                "{fillers} fillers: page {} ends with a table header",
                p + 1
            );
        }
    }
    assert!(split_paragraphs > 30, "the sweep must split paragraphs across pages ({split_paragraphs})");
}

/// The Báo cáo example: its page break keeps two lines of a clause on each side, or moves it.
#[test]
fn the_report_example_breaks_between_paragraphs() {
    let fonts = Fonts::get().unwrap();
    let doc: DocumentContent =
        serde_json::from_str(include_str!("../../../../../../docs/examples/bao-cao.json")).unwrap();
    let pages = compose(fonts, &doc, &issuer(), Margins::default()).unwrap();
    assert_eq!(pages.len(), 2);
    let first_on_2 = texts(&pages[1]).into_iter().find(|(_, t)| t != "2").unwrap().1;
    assert!(first_on_2.starts_with("2. Nâng tỷ lệ"), "page 2 starts mid-paragraph: {first_on_2:?}");
}

/// A stress paragraph of long number-symbols, paths and URLs: no justified gap is over twice
/// a normal space (such lines are set ragged), and the long tokens break after "/".
#[test]
fn justified_gaps_stay_under_twice_a_space() {
    let fonts = Fonts::get().unwrap();
    let text = "Căn cứ Quyết định số 1999/QĐ-BCĐCĐS, Thông báo số 1999/TB-BCĐCĐS, Công văn số 12345/BCĐCĐS-TCT \
        và tài liệu tại https://dichvucong.nghean.gov.vn/thu-tuc-hanh-chinh/chuyen-doi-so/ket-qua-2025 cùng \
        thư mục /srv/luu-tru/van-ban-di/2025/thong-bao/ket-luan-hop-to-cong-tac, Kế hoạch số 88/KH-UBND, \
        Chương trình số 07/CTr-BCĐCĐS, Tờ trình số 101/TTr-BCĐCĐS ngày 05/01/2025 và Báo cáo số \
        45/BC-BCĐCĐS, các sở, ngành khẩn trương triển khai nhiệm vụ chuyển đổi số.";
    let blocks: Vec<Block> = (0..6)
        .map(|i| Block::Paragraph { runs: vec![Run::plain(text.split(' ').skip(i * 2).collect::<Vec<_>>().join(" "))] })
        .collect();
    let pages = compose(fonts, &doc(blocks), &issuer(), Margins::default()).unwrap();
    let space = super::super::layout::space_width(fonts, BODY);
    let mut justified = 0;
    let mut ragged_body_lines = 0;
    let mut slash_ends = 0;
    for page in &pages {
        for m in &page.marks {
            if let Mark::Text { extra, spans, size, .. } = m {
                let t: String = spans.iter().map(|s| s.text.as_str()).collect();
                assert!(*extra <= space + 1e-3, "gap of {} + {extra} on {t:?}", space);
                if *size == BODY && *extra > 0.0 {
                    justified += 1;
                }
                if *size == BODY && t.ends_with('/') && !t.ends_with("//") {
                    slash_ends += 1;
                }
                if *size == BODY && *extra == 0.0 && t.len() > 60 {
                    ragged_body_lines += 1;
                }
            }
        }
    }
    assert!(justified > 10, "most lines are still justified ({justified})");
    assert!(slash_ends > 0, "some long token broke after a slash");
    assert!(ragged_body_lines > 0, "the body's last lines are ragged");
    // Dates and V/v stay whole.
    let all: Vec<String> = pages.iter().flat_map(texts).map(|(_, t)| t).collect();
    assert!(all.iter().all(|t| !t.ends_with("05/") && !t.ends_with("05/01/")), "a date was split: {all:?}");
}

/// Tables: an STT/TT column centred, numbers ("1.234", "12,5", "25%") right-aligned, header
/// cells centred, text left-aligned.
#[test]
fn table_numbers_align_right_and_serials_centre() {
    let fonts = Fonts::get().unwrap();
    let rows = vec![
        vec!["1".into(), "Văn bản đi được ký số".into(), "1.234".into(), "25%".into()],
        vec!["12".into(), "Hồ sơ trực tuyến".into(), "12,5".into(), "-3".into()],
    ];
    let header: Vec<String> = vec!["STT".into(), "Chỉ tiêu".into(), "Số lượng".into(), "Tỷ lệ".into()];
    let widths = vec![1.0, 4.0, 2.0, 2.0];
    let pages = compose(
        fonts,
        &doc(vec![Block::Table { header: header.clone(), rows, widths: widths.clone() }]),
        &issuer(),
        Margins::default(),
    )
    .unwrap();
    let f = Frame::portrait(Margins::default());
    let total: f32 = widths.iter().sum();
    let mut edges = vec![f.left];
    for w in &widths {
        edges.push(edges.last().unwrap() + f.text_width() * w / total);
    }
    let cell = |text: &str| -> (f32, f32) {
        pages[0]
            .marks
            .iter()
            .find_map(|m| match m {
                Mark::Text { x, size, spans, .. }
                    if spans.iter().map(|s| s.text.as_str()).collect::<String>() == text =>
                {
                    Some((*x, *x + fonts.width(spans[0].style, text, *size)))
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no cell {text:?}"))
    };
    let centre = |c: usize| (edges[c] + edges[c + 1]) / 2.0;
    for (text, col) in [("1", 0), ("12", 0), ("STT", 0), ("Chỉ tiêu", 1), ("Số lượng", 2), ("Tỷ lệ", 3)] {
        let (x0, x1) = cell(text);
        assert!(((x0 + x1) / 2.0 - centre(col)).abs() < 0.5, "{text:?} not centred in column {col}");
    }
    for (text, col) in [("1.234", 2), ("12,5", 2), ("25%", 3), ("-3", 3)] {
        let (_, x1) = cell(text);
        assert!((edges[col + 1] - 3.0 - x1).abs() < 0.5, "{text:?} not right-aligned");
    }
    let (x0, _) = cell("Hồ sơ trực tuyến");
    assert!((x0 - edges[1] - 3.0).abs() < 0.5, "text is left-aligned");
    for s in ["1.234", "12,5", "25%", "97,2 %", "-3", "+12", "1.234.567,89"] {
        assert!(body::is_number(s), "{s}");
    }
    for s in ["", "%", "1999/TB", "05/01/2025", "Tháng 01", "1..2", ".5", "12."] {
        assert!(!body::is_number(s), "{s}");
    }
}

/// Content the layout cannot place is refused with a message, never laid out off the page.
#[test]
fn unplaceable_content_is_refused() {
    let fonts = Fonts::get().unwrap();
    let huge_cell = "Nội dung ".repeat(600);
    let table = Block::Table {
        header: vec!["TT".into(), "Nội dung".into()],
        rows: vec![vec!["1".into(), huge_cell]],
        widths: vec![1.0, 1.0],
    };
    let err = compose(fonts, &doc(vec![para(1), table]), &issuer(), Margins::default()).unwrap_err();
    assert_eq!(err.message, "Bảng thứ 1: hàng 1 dài hơn một trang giấy; hãy chia nội dung thành nhiều hàng.");
    let bad = Block::Table { header: vec!["A".into(), "B".into()], rows: vec![], widths: vec![1.0, f32::NAN] };
    let err = compose(fonts, &doc(vec![bad]), &issuer(), Margins::default()).unwrap_err();
    assert_eq!(err.message, "Bảng thứ 1: độ rộng cột phải là số dương.");
    let nan = Margins { top: f32::NAN, bottom: 20.0, left: 30.0, right: 15.0 };
    assert!(compose(fonts, &doc(vec![para(1)]), &issuer(), nan).is_err());
}

/// A chart: one bar per row, segments in proportion to their values and shaded by series,
/// each bar's total after it; bad data is refused with a message.
#[test]
fn a_chart_draws_proportional_segments() {
    let fonts = Fonts::get().unwrap();
    let chart = Block::Chart {
        title: "Tình hình thực hiện".into(),
        series: vec!["Đúng hạn".into(), "Quá hạn".into()],
        bars: vec![
            ChartBar { label: "Sở Y tế".into(), values: vec![3.0, 1.0] },
            ChartBar { label: "Sở Nội vụ".into(), values: vec![2.0, 0.0] },
        ],
    };
    let pages = compose(fonts, &doc(vec![chart]), &issuer(), Margins::default()).unwrap();
    let fills: Vec<(f32, f32, f32, f32)> = pages[0]
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Fill { x, y, w, gray, .. } => Some((*x, *y, *w, *gray)),
            _ => None,
        })
        .collect();
    // Two legend swatches, then the segments: 3 and 1 for the first bar, 2 for the second (a 0 draws nothing).
    assert_eq!(fills.len(), 2 + 3, "{fills:?}");
    let bars = &fills[2..];
    let unit = bars[0].2 / 3.0;
    assert!((bars[1].2 - unit).abs() < 0.01 && (bars[2].2 - 2.0 * unit).abs() < 0.01, "{bars:?}");
    assert!((bars[1].0 - (bars[0].0 + bars[0].2)).abs() < 0.01, "segments are stacked");
    assert_ne!(bars[0].3, bars[1].3, "series are shaded apart");
    assert!(bars[2].1 > bars[0].1, "bars go down the page in order");
    let words: Vec<String> = texts(&pages[0]).into_iter().map(|(_, t)| t).collect();
    for expected in ["Tình hình thực hiện", "Đúng hạn", "Quá hạn", "Sở Y tế", "Sở Nội vụ", "4", "2"]
    {
        assert!(words.iter().any(|w| w == expected), "{expected} missing: {words:?}");
    }
    let bad = Block::Chart {
        title: "X".into(),
        series: vec!["A".into()],
        bars: vec![ChartBar { label: "B".into(), values: vec![1.0, 2.0] }],
    };
    let e = compose(fonts, &doc(vec![bad]), &issuer(), Margins::default()).unwrap_err();
    assert!(e.message.contains("thanh thứ 1 có 2 số liệu, cần 1"), "{}", e.message);
}
