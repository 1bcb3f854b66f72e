# The R reference an analyst would write for `openpapi estimate`: per-variable domain means with
# svyby(~v, ~province, design, svymean, na.rm = TRUE, deff = TRUE), stratified cluster design (nest = TRUE).
# Usage: Rscript scripts/r/svyby-estimate.R DATA.csv OUT.csv
# Writes by,variable,estimate,se,deff so bench/estimate.bench.ts can check agreement with openpapi.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = c("", "NA"))
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = d)
vars <- setdiff(names(d), c("id", "province", "stratum", "psu", "weight"))
out <- do.call(rbind, lapply(vars, function(v) {
  r <- svyby(as.formula(paste0("~", v)), ~province, design, svymean, na.rm = TRUE, deff = TRUE)
  data.frame(by = r$province, variable = v, estimate = r[[v]], se = SE(r), deff = deff(r))
}))
write.csv(out, args[2], row.names = FALSE)
