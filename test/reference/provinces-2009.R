# Reference values for test/analysis.e2e.test.ts, computed in R (base only) from data/provinces-2009-divisions.csv.
# Run: Rscript test/reference/provinces-2009.R
d <- read.csv("data/provinces-2009-divisions.csv", fileEncoding = "UTF-8", check.names = FALSE)
d <- d[d[[1]] != "全国", ]
x <- d[[3]]  # 街道办事处（个）: sub-districts
east <- c("北京","天津","河北","辽宁","上海","江苏","浙江","福建","山东","广东","海南")
central <- c("山西","吉林","黑龙江","安徽","江西","河南","湖北","湖南")
g <- ifelse(d[[1]] %in% east, "东部", ifelse(d[[1]] %in% central, "中部", "西部"))
mu <- mean(x); n <- length(x)
gini <- sum(abs(outer(x, x, "-"))) / (2 * n^2 * mu)
cv <- sqrt(mean((x - mu)^2)) / mu
tt <- mean((x / mu) * log(x / mu))
tl <- mean(log(mu / x))
tb <- 0; tw <- 0; lb <- 0; lw <- 0
for (k in unique(g)) {
  xs <- x[g == k]; m <- mean(xs); s <- length(xs) / n
  tb <- tb + s * (m / mu) * log(m / mu); tw <- tw + s * (m / mu) * mean((xs / m) * log(xs / m))
  lb <- lb + s * log(mu / m); lw <- lw + s * mean(log(m / xs))
}
q <- quantile(x, c(0.25, 0.5, 0.75), type = 7)
options(digits = 15)
print(c(mean = mu, sd = sd(x), cv = cv, gini = gini, theil_t = tt, theil_l = tl, max_min = max(x) / min(x),
        t_between = tb, t_within = tw, l_between = lb, l_within = lw, q))
