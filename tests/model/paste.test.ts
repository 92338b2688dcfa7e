import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../core/model';
import { cleanPastedHtml, cleanPastedText, pasteInto } from '../../core/paste';

/** What Word for Windows puts on the clipboard (CF_HTML, as Chromium hands it to a page). */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<!--[if !mso]>
<style>
v\\:* {behavior:url(#default#VML);}
o\\:* {behavior:url(#default#VML);}
</style>
<![endif]-->
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Normal</w:View>
  <w:Zoom>0</w:Zoom>
  <w:PunctuationKerning/>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:仿宋_GB2312;
	panose-1:2 1 6 9 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:等线;}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<!--StartFragment-->

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span
style='font-size:16.0pt;font-family:黑体;mso-hansi-font-family:黑体'>一、总体情况<span
lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span
style='font-size:16.0pt;font-family:楷体_GB2312'>（一）主动公开情况<span lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span
lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'>2021</span><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>年，我局主动公开政府信息<span
lang=EN-US>1,234</span>条，其中规范性文件<span lang=EN-US>3</span>件。<span
lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal><span lang=EN-US style='font-size:16.0pt'><o:p>&nbsp;</o:p></span></p>

<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='font-size:16.0pt;mso-fareast-font-family:仿宋_GB2312'><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-size:16.0pt;font-family:仿宋_GB2312'>加强平台建设<span
lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal><span style='font-size:16.0pt;font-family:仿宋_GB2312'>\u3000\u3000全年未发生泄密事件。<span
style='display:none;mso-hide:all'>隐藏的批注文字</span><span lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal><span lang=EN-US><!--[if gte vml 1]><v:shape id="图片_x0020_1"
 style='width:100pt;height:50pt'><v:imagedata src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"
 o:title=""/></v:shape><![endif]--><![if !vml]><img width=133 height=67
src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png" v:shapes="图片_x0020_1"><![endif]></span></p>

<p class=MsoNormal><span style='font-size:16.0pt'>联系电话：<span lang=EN-US>0533-1234567</span><br>
联系地址：某县某路<span lang=EN-US>1</span>号<o:p></o:p></span></p>

<!--EndFragment-->
</body>
</html>`;

/** What WPS Office puts on the clipboard: double-quoted styles, mso-spacerun spans. */
const WPS_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 14"><meta name=Originator content="Microsoft Word 14"><!--[if gte mso 9]><xml><w:WordDocument><w:BrowserLevel>MicrosoftInternetExplorer4</w:BrowserLevel><w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery></w:WordDocument></xml><![endif]--><style>
@font-face{
font-family:"Times New Roman";
}
p.MsoNormal{
mso-style-name:正文;
mso-style-parent:"";
margin:0pt;
}
</style></head><body style="tab-interval:21.0000pt;"><!--StartFragment--><p class=MsoNormal style="text-indent:32.0000pt;mso-char-indent-count:2.0000;"><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">（二）依申请公开情况</span><span style="font-family:仿宋_GB2312;font-size:16.0000pt;"><o:p></o:p></span></p><p class=MsoNormal style="text-indent:32.0000pt;"><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">本年度共收到政府信息公开申请</span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">12</span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">件，均已按期答复。</span><span style="font-family:仿宋_GB2312;font-size:16.0000pt;"><o:p></o:p></span></p><p class=MsoNormal style="text-indent:32.0000pt;"><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">&nbsp;</span></p><p class=MsoNormal style="text-indent:32.0000pt;"><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">（</span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">1</span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">）</span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;">办理时限</span></p><!--EndFragment--></body></html>`;

describe('cleanPastedHtml', () => {
  it('turns Word HTML into plain paragraphs with heading levels', () => {
    expect(cleanPastedHtml(WORD_HTML)).toEqual([
      { level: 1, text: '一、总体情况' },
      { level: 2, text: '（一）主动公开情况' },
      { level: 0, text: '2021年，我局主动公开政府信息1,234条，其中规范性文件3件。' },
      { level: 3, text: '1.加强平台建设' },
      { level: 0, text: '全年未发生泄密事件。' },
      { level: 0, text: '联系电话：0533-1234567' },
      { level: 0, text: '联系地址：某县某路1号' },
    ]);
  });

  it('drops styles, Office comments and XML, images and hidden text', () => {
    const all = cleanPastedHtml(WORD_HTML)
      .map((p) => p.text)
      .join('\n');
    for (const gone of [
      'font-family',
      'mso-',
      'MsoNormal',
      'OfficeDocumentSettings',
      'AllowPNG',
      'Normal',
      'VML',
      'clip_image',
      'Font Definitions',
      '隐藏的批注文字',
      '\u00a0',
      '\u3000',
    ]) {
      expect(all).not.toContain(gone);
    }
  });

  it('turns WPS HTML into plain paragraphs with heading levels', () => {
    expect(cleanPastedHtml(WPS_HTML)).toEqual([
      { level: 2, text: '（二）依申请公开情况' },
      { level: 0, text: '本年度共收到政府信息公开申请12件，均已按期答复。' },
      { level: 4, text: '（1）办理时限' },
    ]);
  });

  it('keeps markup typed as text literally, as text', () => {
    expect(
      cleanPastedHtml('<p>写入&lt;script&gt;alert(1)&lt;/script&gt;与&lt;img onerror=x&gt;</p>'),
    ).toEqual([{ level: 0, text: '写入<script>alert(1)</script>与<img onerror=x>' }]);
    expect(
      cleanPastedHtml('<p>正文<script>alert(1)</script><img src=x onerror=alert(1)></p>'),
    ).toEqual([{ level: 0, text: '正文' }]);
  });

  it('gives a pasted table one paragraph per row, cells separated by a space', () => {
    const html = `<table class=MsoTableGrid border=1>
      <tr><td rowspan=2><p class=MsoNormal>项目</p></td><td colspan=2><p>数量</p></td></tr>
      <tr><td><p>本年</p></td><td><p>上年</p></td></tr>
      <tr><td><p>收到申请</p></td><td><p>12</p></td><td><p><o:p>&nbsp;</o:p></p></td></tr>
      <tr><td><p>&nbsp;</p></td><td></td><td></td></tr>
    </table><p>表后正文。</p>`;
    expect(cleanPastedHtml(html)).toEqual([
      { level: 0, text: '项目 数量' },
      { level: 0, text: '本年 上年' },
      { level: 0, text: '收到申请 12' },
      { level: 0, text: '表后正文。' },
    ]);
  });

  it('does not take a long sentence starting with a number for a heading', () => {
    expect(
      cleanPastedHtml(
        '<p>1.我局按照条例要求，全年主动公开信息217条，其中审批结果信息公示153条。同时加强了平台建设。</p>',
      ),
    ).toEqual([
      {
        level: 0,
        text: '1.我局按照条例要求，全年主动公开信息217条，其中审批结果信息公示153条。同时加强了平台建设。',
      },
    ]);
  });

  it('gives nothing for HTML without text', () => {
    expect(
      cleanPastedHtml('<p class=MsoNormal><o:p>&nbsp;</o:p></p><p>　　</p><img src=x>'),
    ).toEqual([]);
    expect(cleanPastedHtml('')).toEqual([]);
  });

  it('keeps a fragment from a web page as one paragraph', () => {
    expect(
      cleanPastedHtml(
        '<meta charset="utf-8"><span style="color: rgb(0,0,0);">依申请公开</span><b>办理情况</b>',
      ),
    ).toEqual([{ level: 0, text: '依申请公开办理情况' }]);
  });
});

describe('cleanPastedText', () => {
  it('gives one paragraph per line, with levels, without indentation or empty lines', () => {
    expect(
      cleanPastedText(
        '一、总体情况\r\n\r\n　　（一）主动公开情况\r\n　　2021年，我局主动公开信息217条。\r\n（1）网站建设\r\n',
      ),
    ).toEqual([
      { level: 1, text: '一、总体情况' },
      { level: 2, text: '（一）主动公开情况' },
      { level: 0, text: '2021年，我局主动公开信息217条。' },
      { level: 4, text: '（1）网站建设' },
    ]);
  });

  it('joins lines broken in the middle of a sentence (text copied from a PDF)', () => {
    expect(
      cleanPastedText(
        '2021年，我局认真贯彻落实政府信息公开条例，\n不断加强政府信息公开工作，全年主动公开\n信息217条。\n第二段。',
      ),
    ).toEqual([
      {
        level: 0,
        text: '2021年，我局认真贯彻落实政府信息公开条例，不断加强政府信息公开工作，全年主动公开信息217条。',
      },
      { level: 0, text: '第二段。' },
    ]);
  });

  it('gives a tab-separated row one paragraph with its cells separated by a space', () => {
    expect(cleanPastedText('自然人\t12\t3\n合计\t15\n')).toEqual([
      { level: 0, text: '自然人 12 3' },
      { level: 0, text: '合计 15' },
    ]);
  });

  it('treats vertical tabs and form feeds (Word line and page breaks) as line ends', () => {
    expect(cleanPastedText('第一段。\u000b第二段。\f第三段。\u0007')).toEqual([
      { level: 0, text: '第一段。' },
      { level: 0, text: '第二段。' },
      { level: 0, text: '第三段。' },
    ]);
  });

  it('keeps markup as text', () => {
    expect(cleanPastedText('<img src=x onerror=alert(1)>')).toEqual([
      { level: 0, text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});

describe('pasteInto', () => {
  const paras: Paragraph[] = [
    { level: 2, text: '（一）主动公开' },
    { level: 0, text: '前文后文' },
    { level: 0, text: '末段。' },
  ];
  const pasted: Paragraph[] = [
    { level: 0, text: '甲。' },
    { level: 3, text: '1.乙' },
    { level: 0, text: '丙。' },
  ];

  it('splits the paragraph at the caret around several pasted paragraphs', () => {
    expect(pasteInto(paras, 1, 2, 2, pasted)).toEqual({
      paragraphs: [
        paras[0],
        { level: 0, text: '前文甲。' },
        { level: 3, text: '1.乙' },
        { level: 0, text: '丙。后文' },
        paras[2],
      ],
      caret: { paragraph: 3, offset: 2 },
    });
  });

  it('replaces the selection', () => {
    expect(pasteInto(paras, 1, 1, 3, pasted.slice(0, 2)).paragraphs).toEqual([
      paras[0],
      { level: 0, text: '前甲。' },
      { level: 3, text: '1.乙文' },
      paras[2],
    ]);
  });

  it('gives the first pasted paragraph its own level when pasted at the start', () => {
    expect(pasteInto(paras, 2, 0, 0, [{ level: 1, text: '二、标题' }, ...pasted])).toEqual({
      paragraphs: [
        paras[0],
        paras[1],
        { level: 1, text: '二、标题' },
        ...pasted.slice(0, 2),
        { level: 0, text: '丙。末段。' },
      ],
      caret: { paragraph: 5, offset: 2 },
    });
  });

  it('inserts one paragraph into the text, keeping the paragraph level', () => {
    expect(pasteInto(paras, 0, 5, 7, [{ level: 0, text: '依申请公开' }])).toEqual({
      paragraphs: [{ level: 2, text: '（一）主动依申请公开' }, paras[1], paras[2]],
      caret: { paragraph: 0, offset: 10 },
    });
  });

  it('gives an empty paragraph the level of the one pasted into it', () => {
    expect(pasteInto([{ level: 0, text: '' }], 0, 0, 0, [pasted[1]!]).paragraphs).toEqual([
      pasted[1],
    ]);
  });

  it('appends to an empty section (index past the end)', () => {
    expect(pasteInto([], 0, 0, 0, pasted)).toEqual({
      paragraphs: pasted,
      caret: { paragraph: 2, offset: 2 },
    });
  });

  it('keeps the text after the caret a paragraph of its own when the paste ended with a line end', () => {
    expect(pasteInto(paras, 1, 2, 2, pasted, { closed: true })).toEqual({
      paragraphs: [
        paras[0],
        { level: 0, text: '前文甲。' },
        pasted[1],
        pasted[2],
        { level: 0, text: '后文' },
        paras[2],
      ],
      caret: { paragraph: 4, offset: 0 },
    });
    // one closed paragraph at the start of a paragraph: a paragraph of its own, with its level
    expect(pasteInto(paras, 1, 0, 0, [{ level: 2, text: '（二）标题' }], { closed: true })).toEqual(
      {
        paragraphs: [paras[0], { level: 2, text: '（二）标题' }, paras[1], paras[2]],
        caret: { paragraph: 2, offset: 0 },
      },
    );
    // nothing after the caret: nothing to split off
    expect(pasteInto(paras, 2, 3, 3, [{ level: 0, text: '补充。' }], { closed: true })).toEqual({
      paragraphs: [paras[0], paras[1], { level: 0, text: '末段。补充。' }],
      caret: { paragraph: 2, offset: 6 },
    });
  });

  it('does not change its input', () => {
    const copy = structuredClone(paras);
    pasteInto(paras, 1, 0, 4, pasted);
    expect(paras).toEqual(copy);
  });
});
