import pytest

from translate.engines.pseudo import PseudoEngine
from translate.markup.inline import mask_inline
from translate.pipeline.restore import restore, tidy
from translate.pipeline.rounds import translate_masked


@pytest.mark.parametrize(
    ("source", "engine_output", "expected"),
    [
        ("[investing_cn](https://x.test/a)", "{0} investing_cn {1}.", "[investing_cn](https://x.test/a)"),
        ("这是**重点**内容。", "This is {0} key {1} content.", "This is **key** content."),
        ("见[报告](https://x.test/r)全文", "See the {0} report {1} in full.", "See the [report](https://x.test/r) in full"),
        ("高盛说。", "Goldman said.", "Goldman said."),
        ("用`code`运行。", "Run with {0} .", "Run with `code` ."),
        ("阿里巴巴、腾讯等", "Alibaba, Tencent etc.", "Alibaba, Tencent etc."),
        ("美国公司", "A U.S.", "A U.S."),
    ],
)
def test_spacing_inside_markup_and_invented_full_stops(source: str, engine_output: str, expected: str) -> None:
    masked = mask_inline(source)
    assert restore(engine_output, masked, spaced=True) == expected


def test_a_lone_marker_closing_one_opened_inside_merged_markup_keeps_its_space() -> None:
    """`**[link{?]}(#x)** 而不是` masks `**[` as one token: the next lone `**` closes it, so the
    space after it is no space inside an opening marker (removing it would unpair the `**`)."""
    masked = mask_inline("**[link{?]}(#x)** 而不是 **b**")
    out = masked.text.replace("link", "LINK")
    assert tidy(out, masked) == out


def test_a_less_than_sign_the_engine_wrote_opens_no_tag() -> None:
    masked = mask_inline("甲<b>乙</b>小于丙")
    assert restore("A{0}B{1} <c and </p", masked, True) == "A<b>B</b> &lt;c and &lt;/p"
    assert restore("x<y", mask_inline("文字 x<y 保留"), True) == "x<y"  # the source's own `<` stays



class _TaggingEngine(PseudoEngine):
    """Drops a placeholder (so the split round runs) and writes `<i ` into every piece."""

    def translate(self, segments, source, target):
        out = super().translate(segments, source, target)
        return [s.replace("{0}", "") if "{" in s else s.replace("⟦/", "<i ⟦/", 1) for s in out]


def test_a_split_round_piece_opens_no_tag_either() -> None:
    result = translate_masked(_TaggingEngine(), [mask_inline("甲**乙**丙")], "zh-CN", "en")[0]
    assert "<i" not in result.text and "&lt;i" in result.text and result.text.count("**") == 2
