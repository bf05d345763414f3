#!/usr/bin/env bash
# Prints the URL and the demo logins of every role.
source "$(dirname "$0")/common.sh"
cat <<TXT

  工业企业梯度培育 / Gradient cultivation is up:  http://localhost:$GC_HTTP_PORT
  Database: $GC_DB    Logs: var/log/odoo.log    Stop: make stop

  Demo logins (password = login unless noted)
  角色 Role                                   login                 password
  管理员 Administrator                         admin                 admin
  工信局审核员 Bureau reviewer                 bureau                bureau
  镇街审核员 Territory reviewer (丈八街道)     zhangba               zhangba
  园区审核员 Territory reviewer (软件新城)     softwarecity          softwarecity
  联合评审成员 Joint review members            joint1, joint2, joint3 (same)
  企业 Enterprise (portal)                     enterprise            enterprise
  专家 Expert (portal), 王立新（知识产权）      expert                expert

  admin and bureau sign in with two factors: after the password, the 6-digit code of an
  authenticator app holding the demo key GRADIENTDEMOTOTPKEYFORSTAFF23456 (time-based);
  over XML-RPC their password is followed by the current code (README, demo logins).

TXT
