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
        let pages = compose(fonts, &doc((0..n).map(para).collect()), &issuer(), Margins::default());
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
    let pages = compose(fonts, &doc(vec![para(0), table]), &issuer(), Margins::default());
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
    let pages = compose(fonts, &doc, &issuer, Margins::default());
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
