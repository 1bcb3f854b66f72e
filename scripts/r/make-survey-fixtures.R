# Reference numbers for core/survey, computed with R's survey package (Lumley), written as JSON fixtures
# to core/survey/__fixtures__/ so the TypeScript tests run without R.
#
# Run from the repository root (R ≥ 4 with packages survey and jsonlite):
#   Rscript scripts/r/make-survey-fixtures.R [OUTDIR]
# OUTDIR defaults to core/survey/__fixtures__. The data are small synthetic samples drawn here with
# fixed seeds, plus R's own `api` example data (apistrat, apiclus1). Re-running gives the same files.
#
# Every fixture holds: the data (columns, NA → null), the design (strata, cluster, weight, fpc columns,
# lonely-PSU options), R's degf, and result blocks:
#   results   svyby(~v, ~dom, design, svymean|svytotal|svyratio, na.rm = TRUE, deff = TRUE) and whole-sample
#             estimates (by = null), one row per domain: estimate, se, deff
#   intervals t intervals (confint(..., df = degf)), svyciprop(method = "logit", df = degf) and the Wilson
#             reference (prop.test(x = p n*, n = n*, correct = FALSE), n* = p(1 − p)/SE², and the same
#             formula with the t quantile for finite df)
#   replicates as.svrepdesign(type = "subbootstrap" | "JKn" | "JK1"): scale, rscales, the combined replicate
#             weights (bootstrap only: they are random, so we feed R's to our variance code) and svyby results
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "core/survey/__fixtures__"
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

# ---- helpers ---------------------------------------------------------------------------------------

# Rows of a svyby (or whole-sample svystat) result: one per domain × variable.
tidy_by <- function(r, statistic, names_out, by = TRUE, with_deff = TRUE) {
  if (by) {
    doms <- as.character(r[[1]])
    nd <- length(doms)
    est <- matrix(coef(r), nrow = nd)
    se <- matrix(as.matrix(SE(r)), nrow = nd)
    df <- if (with_deff) matrix(as.matrix(deff(r)), nrow = nd) else matrix(NA, nrow = nd, ncol = ncol(est))
  } else {
    doms <- ""
    est <- matrix(coef(r), nrow = 1)
    se <- matrix(SE(r), nrow = 1)
    df <- if (with_deff) matrix(deff(r), nrow = 1) else matrix(NA, nrow = 1, ncol = ncol(est))
  }
  out <- list()
  for (j in seq_along(names_out)) {
    for (i in seq_along(doms)) {
      out[[length(out) + 1]] <- list(
        statistic = statistic, variable = names_out[j], domain = doms[i],
        estimate = est[i, j], se = se[i, j], deff = df[i, j]
      )
    }
  }
  out
}

wilson_ref <- function(p, se, df, level = 0.95) {
  neff <- p * (1 - p) / se^2
  if (!is.finite(df)) {
    return(as.numeric(prop.test(p * neff, neff, correct = FALSE, conf.level = level)$conf.int))
  }
  q <- qt(1 - (1 - level) / 2, df)
  q2n <- q^2 / neff
  centre <- (p + q2n / 2) / (1 + q2n)
  half <- q / (1 + q2n) * sqrt(p * (1 - p) / neff + q^2 / (4 * neff^2))
  c(max(0, centre - half), min(1, centre + half))
}

# All estimators for a design: by domain and whole sample.
estimate_all <- function(des, by, means, totals, ratios, factors) {
  res <- list()
  byf <- if (is.null(by)) NULL else as.formula(paste0("~", by))
  run <- function(fml, FUN, stat, names_out, ...) {
    if (!is.null(byf)) {
      r <- svyby(fml, byf, des, FUN, na.rm = TRUE, deff = TRUE, ...)
      res <<- c(res, tidy_by(r, stat, names_out))
    }
    r0 <- if (stat == "ratio") FUN(fml, des, na.rm = TRUE, deff = TRUE, ...) else FUN(fml, des, na.rm = TRUE, deff = TRUE)
    if (stat == "ratio") {
      res <<- c(res, list(list(statistic = stat, variable = names_out, domain = "",
        estimate = as.numeric(coef(r0)), se = as.numeric(SE(r0)), deff = as.numeric(deff(r0)))))
    } else {
      res <<- c(res, tidy_by(r0, stat, names_out, by = FALSE))
    }
  }
  for (v in means) run(as.formula(paste0("~", v)), svymean, "mean", v)
  for (v in totals) run(as.formula(paste0("~", v)), svytotal, "total", v)
  for (rt in ratios) {
    run(as.formula(paste0("~", rt[1])), svyratio, "ratio", paste0(rt[1], "/", rt[2]),
        denominator = as.formula(paste0("~", rt[2])))
  }
  for (v in factors) {
    # the column is a factor, so every domain keeps all levels (as our dictionary codes do)
    lv <- levels(des$variables[[v]])
    run(as.formula(paste0("~", v)), svymean, "proportion", paste0(v, "=", lv))
  }
  res
}

intervals_for <- function(des, by, mean_var, binary_var, level = 0.95) {
  out <- list()
  df <- degf(des)
  byf <- as.formula(paste0("~", by))
  r <- svyby(as.formula(paste0("~", mean_var)), byf, des, svymean, na.rm = TRUE)
  ci <- confint(r, df = df, level = level)
  doms <- as.character(r[[1]])
  for (i in seq_along(doms)) {
    out[[length(out) + 1]] <- list(kind = "t", variable = mean_var, domain = doms[i], level = level, df = df,
      estimate = coef(r)[i], se = SE(r)[i], low = ci[i, 1], high = ci[i, 2])
  }
  rb <- svyby(as.formula(paste0("~", binary_var)), byf, des, svymean, na.rm = TRUE)
  doms <- as.character(rb[[1]])
  for (i in seq_along(doms)) {
    p <- coef(rb)[i]
    se <- SE(rb)[i]
    if (!(p > 0 && p < 1 && se > 0)) next
    sub <- des[!is.na(des$variables[[by]]) & des$variables[[by]] == doms[i], ]
    cp <- svyciprop(as.formula(paste0("~I(", binary_var, " == 1)")), sub, method = "logit", df = df, level = level)
    lim <- as.numeric(attr(cp, "ci"))
    out[[length(out) + 1]] <- list(kind = "logit", variable = binary_var, domain = doms[i], level = level, df = df,
      estimate = p, se = se, low = lim[1], high = lim[2])
    for (dfw in list(Inf, df)) {
      w <- wilson_ref(p, se, dfw, level)
      out[[length(out) + 1]] <- list(kind = "wilson", variable = binary_var, domain = doms[i], level = level,
        df = if (is.finite(dfw)) dfw else "Inf", estimate = p, se = se, low = w[1], high = w[2])
    }
  }
  out
}

replicates_for <- function(des, type, by, means, ratios, replicates = 25, with_weights = FALSE) {
  rep <- as.svrepdesign(des, type = type, replicates = replicates)
  res <- list()
  byf <- as.formula(paste0("~", by))
  for (v in means) {
    r <- svyby(as.formula(paste0("~", v)), byf, rep, svymean, na.rm = TRUE)
    res <- c(res, tidy_by(r, "mean", v, with_deff = FALSE))
  }
  for (v in means) {
    r <- svyby(as.formula(paste0("~", v)), byf, rep, svytotal, na.rm = TRUE)
    res <- c(res, tidy_by(r, "total", v, with_deff = FALSE))
  }
  for (rt in ratios) {
    r <- svyby(as.formula(paste0("~", rt[1])), byf, rep, svyratio, denominator = as.formula(paste0("~", rt[2])),
      na.rm = TRUE)
    res <- c(res, tidy_by(r, "ratio", paste0(rt[1], "/", rt[2]), with_deff = FALSE))
  }
  out <- list(type = rep$type, scale = rep$scale, rscales = rep$rscales, mse = rep$mse,
    replicates = ncol(weights(rep, type = "replication")), results = res)
  if (with_weights) {
    w <- weights(rep, type = "analysis")
    out$weights <- lapply(seq_len(ncol(w)), function(j) as.numeric(w[, j]))
  }
  out
}

write_fixture <- function(name, data, design, des, ...) {
  extra <- list(...)
  cols <- lapply(data, function(col) if (is.factor(col)) as.character(col) else col)
  fx <- c(list(case = name, data = cols, design = design, degf = degf(des)), extra)
  write_json(fx, file.path(outdir, paste0(name, ".json")), auto_unbox = TRUE, digits = NA, na = "null",
    null = "null", pretty = FALSE)
  cat("wrote", name, "\n")
}

# ---- synthetic data --------------------------------------------------------------------------------
# Strata h = 1..H with npsu[h] PSUs; PSU ids restart in every stratum (nest = TRUE). Domains A–C are
# common; D has 2 rows in one PSU; E has 1 row; some rows have no domain. y, x numeric, b binary,
# cat categorical, each with missing values.
make_data <- function(seed, npsu, lonely_domain = FALSE) {
  set.seed(seed)
  rows <- list()
  for (h in seq_along(npsu)) {
    for (j in seq_len(npsu[h])) {
      m <- sample(3:7, 1)
      eff <- rnorm(1, 0, 1.5)
      rows[[length(rows) + 1]] <- data.frame(s = paste0("S", h), psu = j, eff = eff + h / 2, k = seq_len(m))
    }
  }
  d <- do.call(rbind, rows)
  n <- nrow(d)
  d$w <- round(runif(n, 20, 300), 3)
  d$y <- round(10 + d$eff + rnorm(n, 0, 3), 2)
  d$x <- round(runif(n, 1, 6) + d$eff / 4 + 1, 2)
  d$b <- as.integer(runif(n) < plogis(d$eff / 2 - 0.3))
  d$cat <- sample(c("low", "mid", "high"), n, replace = TRUE, prob = c(0.3, 0.5, 0.2))
  d$dom <- sample(c("A", "B", "C"), n, replace = TRUE)
  # rare domains: D = two rows of one PSU, E = a single row
  first_psu <- which(d$s == d$s[n] & d$psu == d$psu[n])
  d$dom[first_psu[seq_len(min(2, length(first_psu)))]] <- "D"
  d$dom[3] <- "E"
  if (lonely_domain) {
    # domain L: all its rows in PSU 1 of stratum S1 (a stratum with several PSUs) → lonely inside the domain
    d$dom[d$s == "S1" & d$psu == 1] <- "L"
  }
  d$dom[c(5, 17)] <- NA
  d$y[sample(n, round(0.1 * n))] <- NA
  d$x[sample(n, round(0.05 * n))] <- NA
  d$b[sample(n, round(0.08 * n))] <- NA
  d$cat[sample(n, round(0.05 * n))] <- NA
  d$cat <- factor(d$cat)
  d$id <- seq_len(n)
  d[, c("id", "s", "psu", "w", "dom", "y", "x", "b", "cat")]
}

means <- c("y", "b")
totals <- c("y")
ratios <- list(c("y", "x"))
factors <- c("cat")

# 1. stratified cluster design, with bootstrap (R's weights) and JKn
d1 <- make_data(1, c(3, 4, 2, 5, 3, 4))
des1 <- svydesign(ids = ~psu, strata = ~s, weights = ~w, nest = TRUE, data = d1)
set.seed(101)
write_fixture("strat-clus", d1, list(strata = "s", cluster = "psu", weight = "w", by = "dom", categorical = "cat", lonely = "fail"), des1,
  results = estimate_all(des1, "dom", means, totals, ratios, factors),
  intervals = c(intervals_for(des1, "dom", "y", "b"), intervals_for(des1, "dom", "y", "b", level = 0.9)),
  replicates = list(
    replicates_for(des1, "subbootstrap", "dom", means, ratios, replicates = 30, with_weights = TRUE),
    replicates_for(des1, "JKn", "dom", means, ratios)
  ))

# 2. stratified, no clusters
d2 <- make_data(2, c(2, 3, 2, 4))
des2 <- svydesign(ids = ~1, strata = ~s, weights = ~w, data = d2)
write_fixture("strat-only", d2, list(strata = "s", weight = "w", by = "dom", categorical = "cat", lonely = "fail"), des2,
  results = estimate_all(des2, "dom", means, totals, ratios, factors),
  replicates = list(replicates_for(des2, "JKn", "dom", means, ratios)))

# 3. clusters, no strata (JK1; bootstrap with R's weights)
d3 <- make_data(3, c(9))
d3$s <- NULL
des3 <- svydesign(ids = ~psu, weights = ~w, data = d3)
set.seed(303)
write_fixture("clus-only", d3, list(cluster = "psu", weight = "w", by = "dom", categorical = "cat", lonely = "fail"), des3,
  results = estimate_all(des3, "dom", means, totals, ratios, factors),
  replicates = list(
    replicates_for(des3, "JK1", "dom", means, ratios),
    replicates_for(des3, "subbootstrap", "dom", means, ratios, replicates = 20, with_weights = TRUE)
  ))

# 4. no strata, no clusters (weighted SRS)
d4 <- make_data(4, c(12))
d4$s <- NULL
d4$psu <- NULL
des4 <- svydesign(ids = ~1, weights = ~w, data = d4)
write_fixture("unstratified-unclustered", d4, list(weight = "w", by = "dom", categorical = "cat", lonely = "fail"), des4,
  results = estimate_all(des4, "dom", means, totals, ratios, factors))

# 5. fpc as population number of PSUs per stratum; stratum S3 sampled exhaustively
d5 <- make_data(5, c(3, 4, 2, 3))
d5$fpc <- c(S1 = 10, S2 = 25, S3 = 2, S4 = 7)[d5$s]
des5 <- svydesign(ids = ~psu, strata = ~s, weights = ~w, fpc = ~fpc, nest = TRUE, data = d5)
write_fixture("fpc-count", d5, list(strata = "s", cluster = "psu", weight = "w", by = "dom", categorical = "cat", fpc = "fpc", lonely = "fail"), des5,
  results = estimate_all(des5, "dom", means, totals, ratios, factors),
  replicates = list(replicates_for(des5, "JKn", "dom", means, ratios)))

# 6. fpc as sampling fraction, stratified element sample
d6 <- make_data(6, c(3, 3, 3))
d6$fpc <- c(S1 = 0.1, S2 = 0.25, S3 = 0.5)[d6$s]
des6 <- svydesign(ids = ~1, strata = ~s, weights = ~w, fpc = ~fpc, data = d6)
write_fixture("fpc-fraction", d6, list(strata = "s", weight = "w", by = "dom", categorical = "cat", fpc = "fpc", lonely = "fail"), des6,
  results = estimate_all(des6, "dom", means, totals, ratios, factors))

# 7. lonely PSUs: stratum S2 has one PSU; domain L lies in one PSU of S1. Every policy, with and without
# survey.adjust.domain.lonely.
d7 <- make_data(7, c(3, 1, 4, 2, 3), lonely_domain = TRUE)
for (policy in c("adjust", "average", "certainty", "remove")) {
  for (adl in c(FALSE, TRUE)) {
    options(survey.lonely.psu = policy, survey.adjust.domain.lonely = adl)
    des7 <- svydesign(ids = ~psu, strata = ~s, weights = ~w, nest = TRUE, data = d7)
    reps <- if (adl) list() else list(replicates_for(des7, "JKn", "dom", means, ratios))
    write_fixture(paste0("lonely-", policy, if (adl) "-domain" else ""), d7,
      list(strata = "s", cluster = "psu", weight = "w", by = "dom", categorical = "cat", lonely = policy, adjustDomainLonely = adl), des7,
      results = estimate_all(des7, "dom", means, totals, ratios, factors), replicates = reps)
  }
}
options(survey.lonely.psu = "fail", survey.adjust.domain.lonely = FALSE)
des7f <- svydesign(ids = ~psu, strata = ~s, weights = ~w, nest = TRUE, data = d7)
failed <- tryCatch({ svymean(~y, des7f, na.rm = TRUE); FALSE }, error = function(e) TRUE)
write_fixture("lonely-fail", d7, list(strata = "s", cluster = "psu", weight = "w", by = "dom", categorical = "cat", lonely = "fail"), des7f,
  r_failed = failed)

# 8. R's api data: stratified element sample and one-stage cluster sample, both with fpc
data(api)
a1 <- apistrat[, c("snum", "stype", "pw", "fpc", "awards", "api00", "api99", "enroll", "sch.wide", "meals")]
a1$yes <- as.integer(a1$sch.wide == "Yes")
a1$stype <- as.character(a1$stype)
a1$awards <- as.character(a1$awards)
desa1 <- svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = a1)
write_fixture("apistrat", a1, list(strata = "stype", weight = "pw", by = "awards", categorical = "sch.wide", fpc = "fpc", lonely = "fail"), desa1,
  results = estimate_all(desa1, "awards", c("api00", "enroll", "yes"), c("enroll"), list(c("api00", "api99")),
    c("sch.wide")),
  intervals = intervals_for(desa1, "awards", "api00", "yes"))

a2 <- apiclus1[, c("snum", "dnum", "pw", "fpc", "stype", "api00", "api99", "enroll", "sch.wide")]
a2$yes <- as.integer(a2$sch.wide == "Yes")
a2$stype <- as.character(a2$stype)
desa2 <- svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = a2)
write_fixture("apiclus1", a2, list(cluster = "dnum", weight = "pw", by = "stype", categorical = "sch.wide", fpc = "fpc", lonely = "fail"), desa2,
  results = estimate_all(desa2, "stype", c("api00", "enroll", "yes"), c("enroll"), list(c("api00", "api99")),
    c("sch.wide")),
  intervals = intervals_for(desa2, "stype", "api00", "yes"),
  replicates = list(replicates_for(desa2, "JK1", "stype", c("api00", "yes"), list(c("api00", "api99")))))
