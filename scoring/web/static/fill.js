// The fill-in form: every change is sent to /api/score and the answer written beside the figures.
// Plain script, no library; all scoring is done by the server's engine.
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form) return;
  var boot = JSON.parse(document.getElementById("boot").textContent);
  var model = boot.model, values = boot.values || {};
  var csrf = form.getAttribute("data-csrf");
  var rowsTable = document.getElementById("rows");
  var timer = null, controller = null, sent = 0;
  // why the last download was refused, until the figures change: a re-score asked for before the
  // download and answered after it says it again instead of wiping it out
  var refused = null;
  var ROW_FIELDS = ["group1", "group2", "name", "nature", "target", "unit", "actual", "weight", "claimed"];
  if (model.rule_names.length) ROW_FIELDS.splice(4, 0, "rule");  // the 赋分规则 column of forms that print one
  var ROW_LABELS = {group1: "一级指标", group2: "二级指标", name: "三级指标", nature: "指标性质", rule: "赋分规则", target: "年度指标值",
    unit: "度量单位", actual: "实际完成值", weight: "分值", claimed: "自评得分"};
  // kept from an opened file, not shown: a row's id and the row it is part of, its 偏差原因, where it was read
  var ROW_CARRIED = ["id", "part_of", "deviation", "converted", "source", "note"];
  var HEAD = ["unit", "region", "year", "title", "department", "project", "implementer", "preparer", "reviewer", "phone", "sheet_type",
    "evaluated", "claimed_total", "claimed_grade"];

  function field(name) { return form.elements.namedItem(name); }
  function setText(el, text) { if (el) el.textContent = text == null ? "" : text; }

  // -- filling the form from the values it was opened with ------------------------------------
  HEAD.forEach(function (k) {
    if (field(k) && values[k] != null) field(k).value = values[k];
  });
  field("partial").checked = values.complete === false;
  Object.keys(values.weights || {}).forEach(function (id) { if (field("weight:" + id)) field("weight:" + id).value = values.weights[id]; });
  Object.keys(values.inputs || {}).forEach(function (name) {
    var fig = values.inputs[name];
    if (field("in:" + name)) field("in:" + name).value = fig.value || "";
    if (field("undisclosed:" + name)) field("undisclosed:" + name).checked = !!fig.undisclosed;
  });
  Object.keys(values.claims || {}).forEach(function (id) { if (field("claim:" + id)) field("claim:" + id).value = values.claims[id]; });
  Object.keys(values.findings || {}).forEach(function (id) { if (field("finding:" + id)) field("finding:" + id).value = values.findings[id]; });

  // -- rows of target/actual sheets ------------------------------------------------------------
  function addRow(row) {
    var tr = document.createElement("tr");
    tr.className = "row";
    ROW_FIELDS.forEach(function (k) {
      var td = document.createElement("td");
      var input = document.createElement("input");
      input.setAttribute("data-field", k);
      input.setAttribute("aria-label", ROW_LABELS[k]);
      input.size = k === "name" ? 24 : (k === "weight" || k === "claimed" || k === "nature" || k === "unit") ? 5 : 10;
      if (k === "claimed") input.className = "claim";
      if (k === "rule") input.setAttribute("list", "rule-names");
      input.value = (row && row[k]) || "";
      input.title = input.value;  // the whole text on hover, however narrow the column
      input.addEventListener("input", function () { input.title = input.value; });
      td.appendChild(input);
      if (k === "claimed" && row && row.converted) {
        // the opened file's 折算得分, which its findings are about: shown, not a field of the form (review CD C2)
        var hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = "折算得分 " + row.converted + "（取自打开的文件）";
        td.appendChild(hint);
      }
      tr.appendChild(td);
    });
    var carried = {};
    ROW_CARRIED.forEach(function (k) { if (row && row[k]) carried[k] = row[k]; });
    tr.setAttribute("data-carried", JSON.stringify(carried));
    ["computed n", "status", "reason"].forEach(function (c) { var td = document.createElement("td"); td.className = c; tr.appendChild(td); });
    appendRemovable(rowsTable, tr);
    return tr;
  }
  // a line's delete button, and the line put in its table
  function appendRemovable(table, tr) {
    var td = document.createElement("td");
    var remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "删除";
    remove.title = "删除这一行";
    remove.addEventListener("click", function () { tr.remove(); schedule(); });
    td.appendChild(remove);
    tr.appendChild(td);
    table.appendChild(tr);
  }
  // -- group headers that print a weight or a subtotal ("产出指标（50分）") --------------------------
  var subtotalsTable = document.getElementById("subtotals");
  var SUBTOTAL_FIELDS = {group: "分组", weight: "分值", claimed: "小计得分（自评）"};
  function addSubtotal(sub) {
    var tr = document.createElement("tr");
    tr.className = "subtotal";
    Object.keys(SUBTOTAL_FIELDS).forEach(function (k) {
      var td = document.createElement("td");
      var input = document.createElement("input");
      input.setAttribute("data-field", k);
      input.setAttribute("aria-label", SUBTOTAL_FIELDS[k]);
      input.size = k === "group" ? 24 : 6;
      var value = sub && sub[k];
      input.value = value == null ? "" : (Array.isArray(value) ? value.join("/") : value);
      td.appendChild(input);
      tr.appendChild(td);
    });
    // what an opened file says of it that the form does not show (the indicators it includes, its source)
    var carried = {};
    ["includes", "source"].forEach(function (k) { if (sub && sub[k]) carried[k] = sub[k]; });
    tr.setAttribute("data-carried", JSON.stringify(carried));
    appendRemovable(subtotalsTable, tr);
    return tr;
  }
  if (subtotalsTable) {
    (values.subtotals && values.subtotals.length ? values.subtotals : [{}]).forEach(addSubtotal);
    document.getElementById("add-subtotal").addEventListener("click", function () {
      addSubtotal({}).querySelector("input").focus();
    });
  }

  if (rowsTable) {
    (values.rows && values.rows.length ? values.rows : [{}, {}, {}]).forEach(addRow);
    document.getElementById("add-row").addEventListener("click", function () {
      var tr = addRow({});
      tr.querySelector("input").focus();
    });
  }

  // -- what the server is sent -----------------------------------------------------------------
  function collect() {
    var data = {rules: model.ref, case_id: values.case_id || "", source: values.source || "", complete: !field("partial").checked,
      sheet_id: values.sheet_id || "", others: values.others || [],
      inputs: {}, claims: {}, findings: {}, rows: [], subtotals: subtotalsTable ? [] : (values.subtotals || []), stated_rates: values.stated_rates || [],
      // printed weights the form has no field for (an opened file's, for indicators whose weight is fixed)
      weights: Object.assign({}, values.weights || {})};
    HEAD.forEach(function (k) { data[k] = field(k) ? field(k).value : (values[k] || ""); });
    model.indicators.forEach(function (i) {
      var weight = field("weight:" + i.id);
      if (weight) data.weights[i.id] = weight.value;
    });
    model.inputs.forEach(function (i) {
      var undisclosed = field("undisclosed:" + i.name);
      data.inputs[i.name] = {value: field("in:" + i.name).value, undisclosed: !!(undisclosed && undisclosed.checked)};
    });
    model.indicators.concat(model.deductions).forEach(function (i) {
      var claim = field("claim:" + i.id);
      if (claim && claim.value.trim()) data.claims[i.id] = claim.value;
    });
    model.deductions.forEach(function (d) {
      var found = field("finding:" + d.id);
      if (found && found.value.trim()) data.findings[d.id] = found.value;
    });
    if (subtotalsTable) {
      subtotalsTable.querySelectorAll("tr.subtotal").forEach(function (tr) {
        var sub = JSON.parse(tr.getAttribute("data-carried") || "{}");
        var blank = true;
        tr.querySelectorAll("input[data-field]").forEach(function (input) {
          sub[input.getAttribute("data-field")] = input.value;
          if (input.value.trim()) blank = false;
        });
        if (!blank) data.subtotals.push(sub);
      });
    }
    if (rowsTable) {
      var n = 0;
      rowsTable.querySelectorAll("tr.row").forEach(function (tr) {
        var row = JSON.parse(tr.getAttribute("data-carried") || "{}");
        var blank = Object.keys(row).length === 0;
        tr.querySelectorAll("input[data-field]").forEach(function (input) {
          row[input.getAttribute("data-field")] = input.value;
          if (input.value.trim()) blank = false;
        });
        // the engine names rows by their id, else row1, row2 … in the order of the rows sent (blank rows are not
        // sent; a row with figures but no name is, as the printed form's empty rows are checked too)
        if (!blank) { data.rows.push(row); n++; tr.setAttribute("data-indicator", row.id || "row" + n); }
        else { tr.removeAttribute("data-indicator"); clearRow(tr); }
      });
    }
    return data;
  }

  function clearRow(tr) {
    ["computed", "status", "reason"].forEach(function (c) { setText(tr.querySelector("." + c), ""); });
    tr.className = "row";
  }

  // -- showing the answer ----------------------------------------------------------------------
  function mark(input, status, message) {
    if (!input) return;
    input.classList.remove("over", "invalid", "under", "match");
    if (status === "over" || status === "invalid" || status === "under" || status === "match") input.classList.add(status);
    input.title = message || "";
  }

  function explainCell(td, text, why) {
    td.textContent = "";
    if (why) td.appendChild(document.createTextNode(why));
    if (text) {
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = "计算过程";
      var pre = document.createElement("pre");
      pre.textContent = text;
      details.appendChild(summary);
      details.appendChild(pre);
      td.appendChild(details);
    }
  }

  function showErrors(messages) {
    var errors = document.getElementById("errors");
    errors.hidden = false;
    errors.textContent = "";
    messages.forEach(function (e) { var p = document.createElement("div"); p.textContent = e; errors.appendChild(p); });
  }

  function show(answer) {
    var errors = document.getElementById("errors");
    if (!answer.ok) {
      // what is shown was worked out from figures no longer on screen: greyed out and said so
      showErrors(refused ? answer.errors.concat([refused]) : answer.errors);
      form.classList.add("stale");
      return;
    }
    form.classList.remove("stale");
    if (refused) showErrors([refused]); else errors.hidden = true;
    var sheet = answer.sheet;
    var messages = {};
    answer.findings.forEach(function (f) {
      var key = f.where.split(".").pop();
      (messages[key] = messages[key] || []).push(f.message);
    });
    sheet.indicators.forEach(function (ind) {
      var tr = form.querySelector('[data-indicator="' + ind.id + '"]');
      if (!tr) return;
      tr.className = (tr.classList.contains("row") ? "row " : "") + "st-" + ind.status;
      setText(tr.querySelector(".computed"), ind.shown);
      setText(tr.querySelector(".status"), ind.status_label);
      explainCell(tr.querySelector(".reason"), ind.explain, ind.reason);
      var claim = tr.querySelector("input.claim");
      mark(claim, ind.status, (messages[ind.id] || []).join("；"));
    });
    // a figure a finding is about (a 元/万元 slip, a part above its whole) is marked where she typed it (review CC B5)
    model.inputs.forEach(function (i) {
      var input = field("in:" + i.name);
      if (!input) return;
      // placed at it, or naming it with its value ("…（全年预算数＝123.47万元，全年执行数＝1200000万元）"):
      // a failed check names every figure it read, and either may be the mistyped one (review CE B2)
      var said = (messages[i.name] || []).concat(answer.findings.filter(function (f) {
        return f.where.split(".").pop() !== i.name && f.message.indexOf(i.label + "＝") >= 0;
      }).map(function (f) { return f.message; }));
      said = said.length ? said : null;
      input.classList.toggle("flagged", !!said);
      input.title = said ? said.join("；") : "";
    });
    // rules that do not govern the year typed: the 年度 field is what to check (review CE C2)
    var year = field("year"), otherYear = answer.findings.filter(function (f) { return f.code === "rules_other_year"; });
    if (year) {
      year.classList.toggle("flagged", otherYear.length > 0);
      year.title = otherYear.map(function (f) { return f.message; }).join("；");
    }
    sheet.deductions.forEach(function (d) {
      var tr = form.querySelector('[data-deduction="' + d.id + '"]');
      if (!tr) return;
      tr.className = d.status ? "st-" + d.status : "";
      setText(tr.querySelector(".computed"), d.deduction == null ? "未披露" : (d.deduction === "0" ? "0" : "-" + d.deduction));
      setText(tr.querySelector(".status"), d.status_label);
      setText(tr.querySelector(".reason"), d.reason);
      mark(tr.querySelector("input.claim"), d.status || "", (messages[d.id] || []).join("；"));
    });
    var t = sheet.total;
    var note = [];
    if (t.lines_sum) {
      // the weights typed so far do not add up to the total: the lines' sum, said as such
      setText(document.getElementById("total-computed"), t.lines_sum[0] === t.lines_sum[1] ? t.lines_sum[0] : t.lines_sum[0] + "～" + t.lines_sum[1]);
      note.push("各项分值合计 " + t.lines_weight + " 分，与满分 " + t.weight + " 分不符：上为各项得分合计，总分和等级无法按规则核定");
    } else {
      setText(document.getElementById("total-computed"), t.computed);
    }
    setText(document.getElementById("total-range"), t.low != null && t.low !== t.high ? t.low + "～" + t.high : "");
    setText(document.getElementById("total-status"), t.status_label);
    // numbers come as text ("0.00"): compared as numbers
    if (t.unverified_weight && Number(t.unverified_weight) !== 0) note.push("其中 " + t.unverified_weight + " 分的指标无法核验，按自评得分计入");
    if (t.deductions && Number(t.deductions) !== 0) note.push("已扣 " + t.deductions + " 分");
    var gradeCell = document.getElementById("total-grade");
    if (gradeCell) setText(gradeCell, t.grade || "");
    else if (t.grade) note.push("等级：按规则 " + t.grade + (t.claimed_grade ? "，自评 " + t.claimed_grade : ""));
    setText(document.getElementById("total-note"), note.join("；"));
    document.getElementById("total").querySelector("tr:last-child").className = "st-" + t.status;
    mark(field("claimed_total"), t.status, (messages.total || []).join("；"));
    if (field("claimed_grade")) {
      // a grade above the rules' is an error; one below them, or that is no grade of the rules, is not
      var gradeFindings = answer.findings.filter(function (f) { return f.code === "grade_changed" || f.code === "grade_inconsistent"; });
      var gradeStatus = !field("claimed_grade").value.trim() || !t.grade ? "" :
        gradeFindings.some(function (f) { return f.severity === "error"; }) ? "over" :
        gradeFindings.some(function (f) { return f.code === "grade_changed"; }) ? "under" : gradeFindings.length ? "invalid" : "match";
      mark(field("claimed_grade"), gradeStatus, gradeFindings.map(function (f) { return f.message; }).join("；"));
    }

    var list = document.getElementById("findings");
    list.textContent = "";
    var shown = answer.findings.filter(function (f) { return f.severity !== "info" || f.code === "claim_under" || f.code === "total_under"; });
    // a form being filled in has many figures not typed yet: one line for them, not one each
    var blank = shown.filter(function (f) { return f.code === "missing_input"; });
    if (blank.length > 3) {
      shown = shown.filter(function (f) { return f.code !== "missing_input"; });
      var first = document.createElement("li");
      first.className = "error";
      first.textContent = "［错误］还有 " + blank.length + " 项数字未填（未披露的请勾选“未披露”）";
      list.appendChild(first);
    }
    shown
      .forEach(function (f) {
        var li = document.createElement("li");
        li.className = f.severity;
        li.textContent = "［" + f.severity_label + "］" + f.message;
        list.appendChild(li);
      });
    if (!list.children.length) { var li = document.createElement("li"); li.textContent = "没有错误或警告。"; list.appendChild(li); }

    form.querySelectorAll("[data-whatif]").forEach(function (td) { td.textContent = ""; });
    answer.what_if.forEach(function (w) {
      var td = form.querySelector('[data-whatif="' + w.input + '"]');
      if (!td) return;
      var div = document.createElement("div");
      div.className = "hint-gain";
      div.textContent = w.text;
      td.appendChild(div);
    });
  }

  // -- scoring on every change -----------------------------------------------------------------
  function score() {
    var id = ++sent;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    setText(document.getElementById("busy"), "计算中…");
    fetch("/api/score", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(collect()), signal: controller ? controller.signal : undefined, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (id !== sent) return;  // a newer change is on its way
        show(answer);
        setText(document.getElementById("busy"), refused ? "未能下载，见下" : answer.ok ? "已按当前数字计算" : "有无法读取的内容（见下），未重新计算：灰色的是上次可计算时的结果");
        form.setAttribute("data-scored", String(id));
      })
      .catch(function (e) {
        if (e.name === "AbortError") return;
        setText(document.getElementById("busy"), "无法连接服务器：" + e.message);
      });
  }

  function schedule() {
    refused = null;
    clearTimeout(timer);
    timer = setTimeout(score, 200);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // Downloads are fetched, so that a refusal ("绩效指标第 1 行“分值”：“十”不是数字") is shown on this
  // page instead of replacing it, and nothing typed is lost; without scripts the form posts as usual.
  var switchForm = document.getElementById("switch");
  if (switchForm) {
    // another sheet of the opened file: this one's edits go with it, as a download would keep them
    switchForm.elements.namedItem("sheet").addEventListener("change", function () {
      switchForm.elements.namedItem("payload").value = JSON.stringify(collect());
      switchForm.submit();
    });
  }
  var downloadForm = document.getElementById("download");
  downloadForm.addEventListener("submit", function (e) {
    downloadForm.elements.namedItem("payload").value = JSON.stringify(collect());
    if (!window.fetch || !window.FormData || !window.URL || !e.submitter) return;
    e.preventDefault();
    var body = new FormData(downloadForm);
    body.set("kind", e.submitter.value);
    refused = null;
    setText(document.getElementById("busy"), "正在生成下载文件…");
    fetch(downloadForm.action, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) {
        var disposition = r.headers.get("Content-Disposition") || "";
        if (r.ok && disposition.indexOf("attachment") >= 0) {
          return r.blob().then(function (blob) {
            var match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
            var link = document.createElement("a");
            link.href = URL.createObjectURL(blob);
            link.download = match ? decodeURIComponent(match[1]) : "下载";
            document.body.appendChild(link);
            link.click();
            setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
            setText(document.getElementById("busy"), "已下载 " + link.download);
          });
        }
        return r.text().then(function (html) {
          var said = new DOMParser().parseFromString(html, "text/html").querySelector(".error-box");
          refused = said ? said.textContent.trim() : "无法下载（服务器返回 " + r.status + "）";
          showErrors([refused]);
          setText(document.getElementById("busy"), "未能下载，见下");
        });
      })
      .catch(function (err) { setText(document.getElementById("busy"), "无法连接服务器：" + err.message); });
  });
  score();
})();
